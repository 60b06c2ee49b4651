package main

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/netral-asn/netral/internal/db/dbtest"
	"github.com/netral-asn/netral/internal/web"
)

// TestRescreenWorkersRegistered: the background work of serve includes the
// re-screen worker, and it hands the web server a queue to enqueue on.
func TestRescreenWorkersRegistered(t *testing.T) {
	registered := false
	for _, ws := range workerSets {
		registered = registered || ws.name == "rescreen"
	}
	if !registered {
		t.Fatal("the rescreen worker set is not registered")
	}
	d := dbtest.Open(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := web.New(d, web.Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	b := &background{DB: d, Log: log, Web: s}
	q, err := startBackground(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	defer stopBackground(q, log)
	if !s.Rescreen.HasQueue() {
		t.Fatal("the web server has no re-screen queue")
	}
}
