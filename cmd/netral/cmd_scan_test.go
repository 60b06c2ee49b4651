package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const scanElections = "../../internal/screen/testdata/elections"

func runScanCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func TestScanCommand(t *testing.T) {
	in := `{"id":"a","platform":"x","kind":"post","created_at":"2024-01-20T10:00:00+07:00","text":"coblos 02 ya #PrabowoGibran"}
{"id":"b","platform":"x","kind":"post","created_at":"2024-01-20T10:00:00+07:00","text":"selamat pagi"}
`
	code, out, errs := runScanCmd(t, in, "scan", "--election", scanElections)
	if code != exitOK || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"flagged":true`) || !strings.Contains(lines[0], `"pemilu-2024/02"`) ||
		!strings.Contains(lines[1], `"id":"b","flagged":false`) {
		t.Errorf("output:\n%s", out)
	}
}

func TestScanCommandBadLines(t *testing.T) {
	in := "{\"id\":\"a\",\"platform\":\"x\",\"kind\":\"post\",\"text\":\"ok\"}\nnot json\n{\"id\":\"c\",\"platform\":\"x\",\"kind\":\"nope\",\"text\":\"x\"}\n"
	code, out, errs := runScanCmd(t, in, "scan", "--election", scanElections+"/pemilu-2024.json")
	if code != exitInput {
		t.Errorf("exit %d, want %d", code, exitInput)
	}
	if !strings.Contains(errs, "line 2:") || !strings.Contains(errs, `line 3 (id "c")`) {
		t.Errorf("stderr %q", errs)
	}
	if n := strings.Count(out, "\n"); n != 3 || !strings.Contains(out, `{"id":"c","error":"unknown kind \"nope\""}`) {
		t.Errorf("output:\n%s", out)
	}
}

func TestScanCommandFiles(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	outp := filepath.Join(dir, "out.jsonl")
	os.WriteFile(in, []byte(`{"id":"a","platform":"x","kind":"post","text":"#HeRaMenang"}`+"\n"), 0o644)
	code, _, errs := runScanCmd(t, "", "scan", "--election", scanElections, "--input", in, "--output", outp)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	got, _ := os.ReadFile(outp)
	if !strings.Contains(string(got), `"pilkada-2024-tanjung-harapan/01"`) {
		t.Errorf("output file %s", got)
	}
}

func TestScanCommandUsage(t *testing.T) {
	if code, _, errs := runScanCmd(t, "", "scan"); code != exitUsage || !strings.Contains(errs, "--election") {
		t.Errorf("no election: exit %d %q", code, errs)
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"id":"e","name":"E","type":"pilkada","voting_day":"2024-13-45","contestants":[]}`), 0o644)
	if code, _, errs := runScanCmd(t, "", "scan", "--election", bad); code != exitUsage || !strings.Contains(errs, "bad.json") || !strings.Contains(errs, "voting_day") {
		t.Errorf("bad election: exit %d %q", code, errs)
	}
	if code, _, _ := runScanCmd(t, "", "scan", "--election", filepath.Join(dir, "missing.json")); code != exitUsage {
		t.Errorf("missing file: exit %d", code)
	}
	if code, _, _ := runScanCmd(t, "", "scan", "--bogus"); code != exitUsage {
		t.Errorf("bad flag: exit %d", code)
	}
	if code, _, _ := runScanCmd(t, "", "scan", "--help"); code != exitOK {
		t.Errorf("help: exit %d", code)
	}
	if code, _, _ := runScanCmd(t, "", "scan", "--region", "99.99"); code != exitUsage {
		t.Errorf("unknown region: exit %d", code)
	}
}

func TestEvalCommand(t *testing.T) {
	dir := t.TempDir()
	labels := filepath.Join(dir, "l.jsonl")
	os.WriteFile(labels, []byte(`{"id":"a","platform":"x","kind":"post","created_at":"2024-01-20T10:00:00+07:00","text":"coblos 02 ya","label":{"flagged":true,"targets":["pemilu-2024/02"]}}
{"id":"b","platform":"x","kind":"post","text":"selamat pagi","label":{"flagged":false,"targets":[]}}
{"id":"c","platform":"x","kind":"post","created_at":"2024-01-20T10:00:00+07:00","text":"Timnas Garuda juara","label":{"flagged":true,"targets":["pemilu-2024/garuda"]}}
`), 0o644)
	code, out, errs := runScanCmd(t, "", "eval", "--election", scanElections, "--labels", labels)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"precision: 1.0000", "recall: 0.5000", "F1: 0.6667", "targets correct: 1.0000", "c\tfalse negative"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := runScanCmd(t, "", "eval", "--election", scanElections); code != exitUsage {
		t.Errorf("no labels: exit %d", code)
	}
}
