// The anchor for the goroutine-dump benchmark: a Go program with N goroutines blocked in
// one function, serving net/http/pprof. Usage: goanchor <goroutines>; prints
// "listening ADDR" when ready.
package main

import (
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"strconv"
	"sync"
)

func waitHere(wg *sync.WaitGroup, block chan struct{}) {
	wg.Done()
	<-block
}

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	block := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go waitHere(&wg, block)
	}
	wg.Wait()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	fmt.Println("listening", ln.Addr().String())
	http.Serve(ln, nil)
}
