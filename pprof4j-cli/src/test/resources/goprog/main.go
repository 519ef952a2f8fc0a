// Writes real Go profiles for pprof4j's integration tests: two heap profiles (for -base),
// a goroutine profile and a CPU profile, into the directory named by the first argument.
package main

import (
	"crypto/sha256"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

var retained [][]byte
var sink float64

//go:noinline
func allocSmall(n int) {
	for i := 0; i < n; i++ {
		retained = append(retained, make([]byte, 64))
	}
}

//go:noinline
func allocLarge(n int) {
	for i := 0; i < n; i++ {
		retained = append(retained, make([]byte, 256<<10))
	}
}

//go:noinline
func churn(n int) {
	for i := 0; i < n; i++ {
		b := make([]byte, 4096)
		b[0] = byte(i)
	}
}

func writeHeap(dir, name string) {
	runtime.GC()
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		panic(err)
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		panic(err)
	}
}

//go:noinline
func parkForever(wg *sync.WaitGroup, ch chan struct{}) {
	wg.Done()
	<-ch
}

//go:noinline
func sleeper(wg *sync.WaitGroup) {
	wg.Done()
	time.Sleep(time.Hour)
}

//go:noinline
func hashLoop(d time.Duration) {
	data := make([]byte, 1<<12)
	for start := time.Now(); time.Since(start) < d; {
		sum := sha256.Sum256(data)
		data[0] = sum[0]
	}
}

//go:noinline
func mathLoop(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
		for i := 0; i < 1000; i++ {
			sink += math.Sqrt(float64(i)) * math.Sin(float64(i))
		}
	}
}

func main() {
	dir := os.Args[1]
	runtime.MemProfileRate = 4096

	allocSmall(2000)
	allocLarge(8)
	churn(5000)
	writeHeap(dir, "heap1.pb.gz")
	allocSmall(6000)
	allocLarge(24)
	churn(20000)
	writeHeap(dir, "heap2.pb.gz")

	ch := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 30; i++ {
		wg.Add(2)
		go parkForever(&wg, ch)
		go sleeper(&wg)
	}
	wg.Wait()
	g, err := os.Create(filepath.Join(dir, "goroutine.pb.gz"))
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup("goroutine").WriteTo(g, 0); err != nil {
		panic(err)
	}
	g.Close()

	c, err := os.Create(filepath.Join(dir, "cpu.pb.gz"))
	if err != nil {
		panic(err)
	}
	if err := pprof.StartCPUProfile(c); err != nil {
		panic(err)
	}
	var cw sync.WaitGroup
	cw.Add(2)
	go func() { defer cw.Done(); hashLoop(700 * time.Millisecond) }()
	go func() { defer cw.Done(); mathLoop(500 * time.Millisecond) }()
	cw.Wait()
	pprof.StopCPUProfile()
	c.Close()
	fmt.Println("ok", len(retained))
}
