// Command feedserver serves the examples directory (feed.xml and a page to
// capture) on a loopback address, so a newcomer can try feed polling and URL
// capture against a local server:
//
//	go run ./examples/feedserver            # http://127.0.0.1:8099/feed.xml
//
// Netral refuses loopback addresses unless NETRAL_FETCH_ALLOW=127.0.0.1 is
// set on the server (see README, "Try monitoring").
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// page is a small article page for the URL-capture walkthrough.
const page = `<!doctype html><html lang="id"><head><meta charset="utf-8">
<meta property="og:title" content="Contoh unggahan">
<meta property="og:description" content="Ayo coblos nomor 2, Pasti Untung!">
<title>Contoh unggahan</title></head>
<body><article><p>Tanggal 27 November ayo coblos nomor 2, Pasti Untung! #UNUR02</p></article></body></html>`

func main() {
	addr := flag.String("addr", "127.0.0.1:8099", "address to listen on")
	flag.Parse()
	_, self, _, _ := runtime.Caller(0)
	dir := filepath.Dir(filepath.Dir(self)) // examples/
	if _, err := os.Stat(filepath.Join(dir, "feed.xml")); err != nil {
		dir = "examples"
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		http.ServeFile(w, r, filepath.Join(dir, "feed.xml"))
	})
	mux.HandleFunc("GET /post/{n}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	})
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	log.Printf("serving http://%s/feed.xml and http://%s/post/1", *addr, *addr)
	log.Fatal(srv.ListenAndServe())
}
