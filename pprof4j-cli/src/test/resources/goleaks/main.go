// A Go service that leaks, for pprof4j's tests of Go's text dumps: it serves net/http/pprof
// on 127.0.0.1 (the address is printed on the first line), and before that it leaks
// goroutines blocked on a channel in leakyWorker, keeps buffers alive in retainBuffers, and
// makes block and mutex contention in waitForTicket and holdLock. Every allocation is
// sampled (MemProfileRate 1) and every block and mutex event kept, so the counts are exact.
package main

import (
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"
)

var retained [][]byte

//go:noinline
func retainBuffers(n int) {
	for i := 0; i < n; i++ {
		retained = append(retained, make([]byte, 64<<10))
	}
}

//go:noinline
func leakyWorker(requests chan int) {
	for r := range requests {
		_ = r
	}
}

//go:noinline
func startLeakyWorkers(n int) {
	for i := 0; i < n; i++ {
		go leakyWorker(make(chan int))
	}
}

//go:noinline
func waitForTicket(tickets chan int) {
	<-tickets
}

var mu sync.Mutex

//go:noinline
func holdLock(d time.Duration) {
	mu.Lock()
	time.Sleep(d)
	mu.Unlock()
}

func main() {
	leaks, _ := strconv.Atoi(os.Args[1])
	runtime.MemProfileRate = 1
	runtime.SetBlockProfileRate(1)
	runtime.SetMutexProfileFraction(1)
	retainBuffers(leaks)
	startLeakyWorkers(leaks)
	tickets := make(chan int)
	go func() {
		time.Sleep(20 * time.Millisecond)
		tickets <- 1
	}()
	waitForTicket(tickets)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			holdLock(5 * time.Millisecond)
		}()
	}
	wg.Wait()
	runtime.GC()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	fmt.Println(ln.Addr().String())
	panic(http.Serve(ln, nil))
}
