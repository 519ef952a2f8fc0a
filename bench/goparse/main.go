// The anchor for pprof4j's decode benchmark: google/pprof's own profile.Parse (the code
// inside go tool pprof) on the same file, in-process, plus the same flat/cum-per-function
// aggregation as pprof4j-bench's TopAggregation. Prints, per benchmark, the median wall
// time and the mean process CPU time (GC included) of RUNS runs after a warm-up, in ms.
// Usage: goparse FILE [RUNS]
package main

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"strconv"
	"syscall"
	"time"

	"github.com/google/pprof/profile"
)

func top(p *profile.Profile, si int) int {
	flat := map[*profile.Function]int64{}
	cum := map[*profile.Function]int64{}
	for _, s := range p.Sample {
		v := s.Value[si]
		if v == 0 || len(s.Location) == 0 {
			continue
		}
		seen := map[*profile.Function]bool{}
		leaf := true
		for _, l := range s.Location {
			for _, ln := range l.Line {
				if leaf {
					flat[ln.Function] += v
					leaf = false
				}
				if !seen[ln.Function] {
					seen[ln.Function] = true
					cum[ln.Function] += v
				}
			}
		}
	}
	return len(flat) + len(cum)
}

func median(d []time.Duration) float64 {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return float64(d[len(d)/2].Microseconds()) / 1000
}

// cpuTime is the process's user+system CPU time so far (GC threads included).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	runs := 5
	if len(os.Args) > 2 {
		runs, _ = strconv.Atoi(os.Args[2])
	}
	// Same protocol as DecodeCpuTime: warm up, then decode alone, then decode + top.
	for i := 0; i < 3; i++ {
		p, err := profile.Parse(bytes.NewReader(data))
		if err != nil {
			panic(err)
		}
		top(p, len(p.SampleType)-1)
	}
	for _, withTop := range []bool{false, true} {
		wall := make([]time.Duration, runs)
		cpu0 := cpuTime()
		for i := 0; i < runs; i++ {
			start := time.Now()
			p, err := profile.Parse(bytes.NewReader(data))
			if err != nil {
				panic(err)
			}
			if withTop {
				top(p, len(p.SampleType)-1)
			}
			wall[i] = time.Since(start)
		}
		cpu := (cpuTime() - cpu0) / time.Duration(runs)
		name := "decode"
		if withTop {
			name = "decodeAndTop"
		}
		fmt.Printf("%s %.1f %.1f\n", name, median(wall), float64(cpu.Microseconds())/1000)
	}
}
