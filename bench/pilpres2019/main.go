// Command pilpres2019 is a sanity check of the screener on real tweets:
// it turns shared/data/pilpres2019-sentiment/tweet.csv into activity
// records (contract §2) and, given the screening results, tells how the
// flags fall per sentiment label and target.
//
//	go run ./bench/pilpres2019 -csv tweet.csv -o tweets.jsonl
//	netral scan --election bench/pilpres2019/pilpres-2019.json --input tweets.jsonl --output results.jsonl
//	go run ./bench/pilpres2019 -csv tweet.csv -results results.jsonl
//
// The tweets are third-party content of undocumented origin: testing only,
// never shipped (see shared/data/pilpres2019-sentiment/SOURCE.md).
package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
	"strings"
)

func main() {
	csvPath := flag.String("csv", "../shared/data/pilpres2019-sentiment/tweet.csv", "tweet.csv")
	out := flag.String("o", "", "write activity records here")
	results := flag.String("results", "", "screening results to summarise")
	show := flag.Int("show", 8, "flagged examples to print per sentiment")
	flag.Parse()
	f, err := os.Open(*csvPath)
	if err != nil {
		log.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		log.Fatal(err)
	}
	rows = rows[1:]
	if *out != "" {
		w, err := os.Create(*out)
		if err != nil {
			log.Fatal(err)
		}
		bw := bufio.NewWriter(w)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		for _, r := range rows {
			// The set carries no dates; all tweets are from the 2019 campaign.
			rec := map[string]any{"id": "pp19-" + r[0], "platform": "x", "kind": "post",
				"created_at": "2019-04-01T12:00:00+07:00", "text": r[2]}
			if err := enc.Encode(rec); err != nil {
				log.Fatal(err)
			}
		}
		bw.Flush()
		w.Close()
	}
	if *results == "" {
		return
	}
	sent := map[string]string{}
	text := map[string]string{}
	for _, r := range rows {
		sent["pp19-"+r[0]], text["pp19-"+r[0]] = r[1], r[2]
	}
	rf, err := os.Open(*results)
	if err != nil {
		log.Fatal(err)
	}
	defer rf.Close()
	sc := bufio.NewScanner(rf)
	sc.Buffer(nil, 1<<24)
	total, flagged := map[string]int{}, map[string]int{}
	byTarget := map[string]int{}
	byStance := map[string]int{}
	examples := map[string][]string{}
	n, nf := 0, 0
	for sc.Scan() {
		var res struct {
			ID          string   `json:"id"`
			Flagged     bool     `json:"flagged"`
			Score       float64  `json:"score"`
			Targets     []string `json:"targets"`
			Stance      string   `json:"stance"`
			Explanation string   `json:"explanation"`
		}
		if err := json.Unmarshal(sc.Bytes(), &res); err != nil {
			log.Fatal(err)
		}
		s := sent[res.ID]
		total[s]++
		n++
		if !res.Flagged {
			continue
		}
		nf++
		flagged[s]++
		byStance[res.Stance]++
		byTarget[strings.Join(res.Targets, "+")]++
		if len(examples[s]) < *show {
			t := text[res.ID]
			if len(t) > 140 {
				t = t[:140] + "…"
			}
			examples[s] = append(examples[s], fmt.Sprintf("  %s %.2f %v %s | %q", res.ID, res.Score, res.Targets, res.Stance, t))
		}
	}
	fmt.Printf("records %d, flagged %d (%.1f%%)\n", n, nf, 100*float64(nf)/float64(n))
	for _, s := range []string{"positif", "netral", "negatif"} {
		fmt.Printf("  %-8s %4d of %4d flagged (%.1f%%)\n", s, flagged[s], total[s], 100*float64(flagged[s])/float64(max(total[s], 1)))
	}
	fmt.Println("by stance:", byStance)
	var keys []string
	for k := range byTarget {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return byTarget[keys[i]] > byTarget[keys[j]] })
	fmt.Print("by targets:")
	for _, k := range keys {
		fmt.Printf(" %s=%d", k, byTarget[k])
	}
	fmt.Println()
	for _, s := range []string{"positif", "netral", "negatif"} {
		fmt.Println("examples,", s)
		for _, e := range examples[s] {
			fmt.Println(e)
		}
	}
}
