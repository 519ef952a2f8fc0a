// -weblist and the web UI's source view: a click on a line with calls shows or hides them
// (go tool pprof's pprof_toggle_asm, without an inline handler: the web UI's pages allow no inline script).
(function () {
  'use strict';
  document.querySelectorAll('pre.weblist').forEach(function (pre) {
    pre.addEventListener('click', function (e) {
      var src = e.target.closest ? e.target.closest('.livesrc') : null;
      var calls = src ? src.nextElementSibling : null;
      if (calls && calls.classList.contains('asm')) {
        calls.classList.toggle('open');
        e.preventDefault();
      }
    });
  });
})();
