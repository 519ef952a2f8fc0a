// A Go service for the leak hunt's integration tests, serving net/http/pprof on a loopback
// port it prints ("listening 127.0.0.1:PORT"). It drives its own traffic in bursts (a third
// of a second of requests, then an idle gap longer than a hunt's round).
//
// With "leak" every request leaks three ways: a producer goroutine blocked for ever on a
// channel nobody reads, holding the buffer it made (subscribe/produce); a watcher goroutine
// that never stops (watch/poll); and the request's payload, kept in a global slice
// (remember). With "clean" it does the same work without leaking: the producer's channel is
// read, the watcher stops, payloads go to a cache bounded at 64 entries, and a pool of 8
// workers starts on the first requests.
package main

import (
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"sync"
	"time"
)

var (
	mu       sync.Mutex
	payloads [][]byte
	cache    = map[int][]byte{}
	pool     chan func()
	sink     int
)

//go:noinline
func produce(out chan<- []byte) {
	buf := make([]byte, 192<<10)
	buf[0] = 1
	out <- buf
}

//go:noinline
func subscribe(leak bool) {
	out := make(chan []byte)
	go produce(out)
	if !leak {
		<-out
	}
}

//go:noinline
func poll(stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(time.Hour):
		}
	}
}

//go:noinline
func watch(leak bool) {
	stop := make(chan struct{})
	go poll(stop)
	if !leak {
		close(stop)
	}
}

//go:noinline
func remember(request int, leak bool) {
	payload := make([]byte, 128<<10)
	payload[0] = byte(request)
	mu.Lock()
	defer mu.Unlock()
	if leak {
		payloads = append(payloads, payload)
	} else {
		cache[request%64] = payload
	}
}

//go:noinline
func garbage() {
	b := make([]byte, 32<<10)
	sink += len(b)
}

func handle(request int, leak bool) {
	subscribe(leak)
	watch(leak)
	remember(request, leak)
	garbage()
	if !leak {
		pool <- garbage
	}
}

func startPool() {
	pool = make(chan func(), 64)
	for i := 0; i < 8; i++ {
		go func() {
			for f := range pool {
				f()
			}
		}()
	}
}

func main() {
	leak := len(os.Args) > 1 && os.Args[1] == "leak"
	runtime.MemProfileRate = 16 << 10
	startPool()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(listener, nil)
	fmt.Printf("listening %s\n", listener.Addr())
	request := 0
	for {
		for end := time.Now().Add(300 * time.Millisecond); time.Now().Before(end); {
			handle(request, leak)
			request++
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(1500 * time.Millisecond)
	}
}
