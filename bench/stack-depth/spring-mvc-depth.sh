#!/usr/bin/env bash
# How deep a Spring MVC request's heap stacks are: starts pprof4j-spring-it's LeakyShop (Spring
# Boot 3.5, embedded Tomcat) with the agent at profstackdepth=256 and memprofilerate=4096, posts
# 50 uploads, fetches heap?debug=1 and prints, over the samples taken on Tomcat's request
# threads, the stack depths, where the controller and DispatcherServlet.doDispatch sit (frames
# from the leaf), and what share of stacks each profstackdepth keeps whole or down to doDispatch.
#   mvn -B -q -ntp -DskipTests package -pl pprof4j-runtime,pprof4j-spring-it -am
#   bench/stack-depth/spring-mvc-depth.sh          # JAVA=/path/to/java for another JDK
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
JAVA=${JAVA:-java}
out=$(mktemp -d)
(cd "$root" && mvn -B -q -ntp dependency:build-classpath -pl pprof4j-spring-it -Dmdep.outputFile="$out/cp.txt" >/dev/null)
CP="$root/pprof4j-spring-it/target/test-classes:$(cat "$out/cp.txt")"
"$JAVA" -javaagent:"$root/pprof4j-runtime/target/pprof4j-agent.jar"=port=0,memprofilerate=4096,profstackdepth=256 \
  -cp "$CP" dev.pprof4j.springit.LeakyShop --server.port=0 >"$out/log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do grep -q "Tomcat started on port" "$out/log" && break; sleep 0.5; done
app=$(grep -o "Tomcat started on port [0-9]*" "$out/log" | grep -o "[0-9]*$")
agent=$(grep -o "pprof4j: serving http://[^/ ]*" "$out/log" | sed 's/pprof4j: serving //')
head -c 1000 /dev/urandom >"$out/body"
for _ in $(seq 1 50); do
  curl -s -o /dev/null -X POST -H 'Content-Type: application/octet-stream' --data-binary @"$out/body" "http://127.0.0.1:$app/upload"
done
curl -s "$agent/debug/pprof/heap?debug=1" >"$out/heap.txt"
kill "$pid"; wait "$pid" 2>/dev/null || true
python3 "$(dirname "$0")/request-depths.py" "$out/heap.txt"
rm -rf "$out"
