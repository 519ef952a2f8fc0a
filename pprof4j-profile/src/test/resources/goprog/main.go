// A small Go program that writes the profiles pprof4j's tests read: heap, goroutine and
// CPU, made by the real runtime/pprof. Usage: goprog OUTDIR
package main

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"
)

var retained [][]byte

//go:noinline
func allocSmall(n int) {
	for i := 0; i < n; i++ {
		retained = append(retained, make([]byte, 512))
	}
}

//go:noinline
func allocLarge(n int) {
	for i := 0; i < n; i++ {
		retained = append(retained, make([]byte, 64<<10))
	}
}

//go:noinline
func burn(d time.Duration) [32]byte {
	var sum [32]byte
	for start := time.Now(); time.Since(start) < d; {
		sum = sha256.Sum256(sum[:])
	}
	return sum
}

//go:noinline
func parked(ch chan struct{}) {
	<-ch
}

func write(dir, name string, f func(*os.File) error) {
	out, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		panic(err)
	}
	if err := f(out); err != nil {
		panic(err)
	}
	if err := out.Close(); err != nil {
		panic(err)
	}
}

func main() {
	dir := os.Args[1]
	runtime.MemProfileRate = 4096
	ch := make(chan struct{})
	for i := 0; i < 7; i++ {
		go parked(ch)
	}
	allocSmall(20000)
	allocLarge(100)
	runtime.GC()
	write(dir, "heap.pb.gz", func(f *os.File) error { return pprof.Lookup("heap").WriteTo(f, 0) })
	write(dir, "goroutine.pb.gz", func(f *os.File) error { return pprof.Lookup("goroutine").WriteTo(f, 0) })
	write(dir, "cpu.pb.gz", func(f *os.File) error {
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		burn(400 * time.Millisecond)
		pprof.StopCPUProfile()
		return nil
	})
	close(ch)
}
