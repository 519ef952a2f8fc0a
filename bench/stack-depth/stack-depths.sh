#!/usr/bin/env bash
# How deep a request's heap stacks are in Spring WebFlux (Spring Boot 3.5's webflux starter on
# Reactor Netty) and in Jakarta REST (Jersey 3.1 on embedded Grizzly), as spring-mvc-depth.sh
# measures Spring MVC: starts the service (apps/) with the agent at profstackdepth=256 and
# memprofilerate=4096, posts 50 uploads to a controller that copies each into a 64 KB array,
# fetches heap?debug=1 and prints, over the request threads' samples, the stack depths, where the
# controller and the framework's dispatcher sit (frames from the leaf), and what share of stacks
# each profstackdepth keeps whole, down to the dispatcher and down to the controller.
#   mvn -B -q -ntp -DskipTests package -pl pprof4j-runtime -am
#   bench/stack-depth/stack-depths.sh webflux      # or: jersey; JAVA=/path/to/java for another JDK
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
JAVA=${JAVA:-java}
kind=${1:?webflux or jersey}
(cd "$here/apps" && mvn -B -q -ntp compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null)
CP="$here/apps/target/classes:$(cat "$here/apps/target/cp.txt")"
case "$kind" in
  webflux) main=dev.pprof4j.bench.depth.FluxShop; started="Netty started on port"
           dispatcher=DispatcherHandler.handle; threads=reactor,netty;;
  jersey)  main=dev.pprof4j.bench.depth.JerseyShop; started="Jersey started on port"
           dispatcher=ApplicationHandler.handle; threads=grizzly;;
  *) echo "webflux or jersey, not $kind" >&2; exit 2;;
esac
out=$(mktemp -d)
"$JAVA" -javaagent:"$root/pprof4j-runtime/target/pprof4j-agent.jar"=port=0,memprofilerate=4096,profstackdepth=256 \
  -cp "$CP" "$main" --server.port=0 >"$out/log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do grep -q "$started" "$out/log" && break; sleep 0.5; done
app=$(grep -o "$started [0-9]*" "$out/log" | grep -o "[0-9]*$")
agent=$(grep -o "pprof4j: serving http://[^/ ]*" "$out/log" | sed 's/pprof4j: serving //')
head -c 1000 /dev/urandom >"$out/body"
for _ in $(seq 1 50); do
  curl -s -o /dev/null -X POST -H 'Content-Type: application/octet-stream' --data-binary @"$out/body" "http://127.0.0.1:$app/upload"
done
curl -s "$agent/debug/pprof/heap?debug=1" >"$out/heap.txt"
kill "$pid"; wait "$pid" 2>/dev/null || true
python3 "$here/request-depths.py" "$out/heap.txt" "$dispatcher" 'depth.'"$( [ "$kind" = webflux ] && echo FluxShop || echo JerseyShop )"'$Upload' "$threads"
rm -rf "$out"
