// Sortable tables: click a header to sort by that column, again to reverse.
(function () {
  'use strict';
  document.querySelectorAll('table.rows').forEach(function (table) {
    var headers = table.querySelectorAll('th');
    headers.forEach(function (th, col) {
      th.addEventListener('click', function () {
        var desc = !th.classList.contains('sorted-desc');
        headers.forEach(function (h) { h.classList.remove('sorted-desc', 'sorted-asc'); });
        th.classList.add(desc ? 'sorted-desc' : 'sorted-asc');
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        var numeric = th.dataset.type === 'number';
        rows.sort(function (a, b) {
          var x = a.cells[col].dataset.v !== undefined ? a.cells[col].dataset.v : a.cells[col].textContent;
          var y = b.cells[col].dataset.v !== undefined ? b.cells[col].dataset.v : b.cells[col].textContent;
          var c = numeric ? (+x) - (+y) : (x < y ? -1 : x > y ? 1 : 0);
          return desc ? -c : c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
