# Reads a heap?debug=1 text and prints the depths of request-thread stacks (spring-mvc-depth.sh,
# stack-depths.sh). Arguments: the text; then, optionally, the dispatcher frame, the controller
# frame and the request threads' root frames (comma-separated), as substrings of frame names;
# the defaults are Spring MVC on Tomcat's.
import sys,collections
heap = sys.argv[1]
dispatcher = sys.argv[2] if len(sys.argv) > 2 else 'DispatcherServlet.doDispatch'
controller = sys.argv[3] if len(sys.argv) > 3 else 'springit.LeakyShop$UploadController.upload'
threads = (sys.argv[4] if len(sys.argv) > 4 else 'TaskThread,NioEndpoint,reactor').split(',')
recs=open(heap).read().split('\n\n')
ctrl=collections.Counter(); disp=collections.Counter(); tot=collections.Counter(); below=collections.Counter()
for r in recs:
    fr=[l.split('\t')[2] for l in r.split('\n') if l.startswith('#\t0x')]
    if not fr: continue
    if not any(t in f for t in threads for f in fr): continue
    tot[len(fr)]+=1
    for i,f in enumerate(fr):
        if controller in f:
            ctrl[i+1]+=1; below[len(fr)-i-1]+=1; break
    for i,f in enumerate(fr):
        if dispatcher in f: disp[i+1]+=1; break
print("request-thread stacks, depth:count", sorted(tot.items()))
print("controller frame position from leaf:", sorted(ctrl.items()))
print("frames below the controller (to the root):", sorted(below.items()))
print("dispatcher (%s) position from leaf:" % dispatcher, sorted(disp.items()))
n=sum(tot.values()); nd=sum(disp.values()); nc=sum(ctrl.values())
for D in (32,48,64,96,128):
    print(D, "whole stack kept %.0f%%" % (100*sum(c for d,c in tot.items() if d<=D)/n),
          "dispatcher kept %.0f%% of %d" % (100*sum(c for d,c in disp.items() if d<=D)/max(nd,1), nd),
          "controller kept %.0f%% of %d" % (100*sum(c for d,c in ctrl.items() if d<=D)/max(nc,1), nc))
