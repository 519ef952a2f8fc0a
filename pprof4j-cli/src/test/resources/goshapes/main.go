// A Go service whose own traffic has one of the shapes the leak hunt is calibrated on (the
// Java twin is pprof4j-testkit's ShapedTrafficService; the same shapes, timings and sizes).
// Arguments: shape windowMillis seed. It serves net/http/pprof on a loopback port it prints
// ("listening 127.0.0.1:PORT"), then starts its traffic and prints "traffic".
//
// Leaking shapes leak twice per request: a goroutine blocked for ever on a channel nobody
// writes (openConnection/awaitClose) and a 384 KB payload kept in a global slice (remember).
package main

import (
	"fmt"
	"math/rand"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"strconv"
	"sync"
	"time"
)

const kept = 96 << 10

// What a leaking request keeps (the Java twin's LEAKED): 1-3 MiB a round at the request rate
// a loaded 2-core machine allows.
const leaked = 384 << 10

var (
	mu         sync.Mutex
	remembered [][]byte
	sink       int
)

type held struct {
	until time.Time
	bytes []byte
}

//go:noinline
func awaitClose(closed <-chan struct{}) {
	<-closed
}

//go:noinline
func openConnection() {
	closed := make(chan struct{})
	go awaitClose(closed)
}

//go:noinline
func remember(request int) {
	buffer := make([]byte, leaked)
	buffer[request%leaked] = 1
	mu.Lock()
	remembered = append(remembered, buffer)
	mu.Unlock()
}

//go:noinline
func garbage() {
	b := make([]byte, 24<<10)
	sink += len(b)
}

type service struct {
	shape        string
	window       time.Duration
	random       *rand.Rand
	start        time.Time
	table        [][]byte
	held         []held
	cache        map[int][]byte
	order        []int
	cacheEntries int
	pool         chan func()
}

//go:noinline
func (s *service) keepAWhile() {
	now := time.Now()
	s.held = append(s.held, held{now.Add(time.Duration(s.random.Intn(3000)) * time.Millisecond), make([]byte, kept)})
	live := s.held[:0]
	for _, h := range s.held {
		if now.Before(h.until) {
			live = append(live, h)
		}
	}
	s.held = live
}

//go:noinline
func (s *service) cached(request int) {
	entry := make([]byte, kept)
	entry[request%kept] = 1
	s.cache[request] = entry
	s.order = append(s.order, request)
	if len(s.order) > s.cacheEntries {
		delete(s.cache, s.order[0])
		s.order = s.order[1:]
	}
}

func (s *service) handle(request int) {
	garbage()
	switch s.shape {
	case "steady", "bursty", "ramp", "burst-silence":
		openConnection()
		remember(request)
	case "gc":
		s.keepAWhile()
	case "cache":
		s.cached(request)
	case "pool":
		s.pool <- func() { sink += len(make([]byte, 8<<10)) }
	}
}

func startPool(size int) chan func() {
	pool := make(chan func(), 1024)
	started := 0
	tasks := make(chan func(), 1024)
	// Workers start one by one on the first requests, as a pool warming up does.
	go func() {
		for f := range pool {
			if started < size {
				started++
				go func() {
					for g := range tasks {
						g()
					}
				}()
			}
			tasks <- f
		}
	}()
	return pool
}

func main() {
	shape := os.Args[1]
	windowMillis, _ := strconv.Atoi(os.Args[2])
	seed, _ := strconv.ParseInt(os.Args[3], 10, 64)
	random := rand.New(rand.NewSource(seed))
	s := &service{shape: shape, window: time.Duration(windowMillis) * time.Millisecond, random: random,
		cache: map[int][]byte{}}
	s.cacheEntries = (10 + random.Intn(30)) * (1 << 20) / kept
	switch shape {
	case "steady", "bursty", "ramp", "burst-silence", "gc", "cache":
	case "flat":
		for i := 0; i < 50*1024/64; i++ {
			s.table = append(s.table, make([]byte, 64<<10))
		}
	case "pool":
		s.pool = startPool(8 + random.Intn(24))
	default:
		fmt.Fprintln(os.Stderr, "unknown shape "+shape+"; one of steady, bursty, ramp, burst-silence, flat, gc, cache, pool")
		os.Exit(2)
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(listener, nil)
	fmt.Printf("listening %s\n", listener.Addr())
	s.start = time.Now()
	fmt.Println("traffic")
	rate := 1 / (0.04 + 0.04*random.Float64())
	var burstEnd, idleEnd time.Time
	silentFrom := 0.6 + 0.2*random.Float64()
	fill := time.Duration(1000+random.Intn(1000)) * time.Millisecond
	for request := 0; ; request++ {
		elapsed := time.Since(s.start)
		t := float64(elapsed) / float64(s.window)
		sleep := time.Duration(float64(time.Second) / rate)
		switch shape {
		case "bursty":
			now := time.Now()
			if !now.Before(idleEnd) && !now.Before(burstEnd) {
				burstEnd = now.Add(time.Duration(400+random.Intn(600)) * time.Millisecond)
				idleEnd = burstEnd.Add(time.Duration(1000+random.Intn(1000)) * time.Millisecond)
			}
			if now.Before(burstEnd) {
				s.handle(request)
			}
		case "ramp":
			s.handle(request)
			sleep = time.Duration(float64(time.Second) / (rate * min(1, t+0.05)))
			if sleep > time.Second {
				sleep = time.Second
			}
		case "burst-silence":
			if t < silentFrom {
				s.handle(request)
			}
		case "cache":
			// Fills to its bound by fill on the clock (a loaded machine's late wake-ups must not
			// stretch the filling over the window), then replaces a fifth of it a second.
			filling := len(s.cache) < s.cacheEntries
			due := s.cacheEntries
			if elapsed < fill {
				due = int(int64(s.cacheEntries) * int64(elapsed) / int64(fill))
			}
			for i := 0; i == 0 || (filling && len(s.cache) < due); i++ {
				s.handle(request)
				request++
			}
			sleep = 20 * time.Millisecond
			if !filling {
				perSecond := s.cacheEntries / 5
				if perSecond < 1 {
					perSecond = 1
				}
				sleep = time.Second / time.Duration(perSecond)
			}
		default:
			s.handle(request)
		}
		time.Sleep(sleep)
	}
}

func min(a, b float64) float64 {
	if a < b {
		return a
	}
	return b
}
