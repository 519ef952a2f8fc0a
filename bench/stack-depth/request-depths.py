# Reads a heap?debug=1 text (argument) and prints the depths of request-thread stacks (spring-mvc-depth.sh).
import re,sys,collections
recs=open(sys.argv[1]).read().split('\n\n')
ctrl=collections.Counter(); disp=collections.Counter(); tot=collections.Counter(); below=collections.Counter()
for r in recs:
    fr=[l.split('\t')[2] for l in r.split('\n') if l.startswith('#\t0x')]
    if not fr: continue
    if not any('TaskThread' in f or 'NioEndpoint' in f or 'reactor' in f for f in fr): continue
    tot[len(fr)]+=1
    for i,f in enumerate(fr):
        if 'Controller.' in f and 'springit' in f:
            ctrl[i+1]+=1; below[len(fr)-i-1]+=1; break
    for i,f in enumerate(fr):
        if 'DispatcherServlet.doDispatch' in f: disp[i+1]+=1; break
print("request-thread stacks, depth:count", sorted(tot.items()))
print("controller frame position from leaf:", sorted(ctrl.items()))
print("frames below the controller (to the root):", sorted(below.items()))
print("doDispatch position from leaf:", sorted(disp.items()))
n=sum(tot.values()); nd=sum(disp.values())
for D in (32,48,64,96,128):
    print(D, "whole stack kept %.0f%%" % (100*sum(c for d,c in tot.items() if d<=D)/n), "doDispatch kept %.0f%% of %d" % (100*sum(c for d,c in disp.items() if d<=D)/nd, nd))
