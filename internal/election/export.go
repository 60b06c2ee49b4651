package election

import (
	"encoding/json"
	"io"
)

// Encode writes elections as contract-§1 JSON, indented: a single object
// for one election, an array for several. The output loads back with
// [Parse] or [Load].
func Encode(w io.Writer, elections []*Election) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if len(elections) == 1 {
		return enc.Encode(elections[0])
	}
	if elections == nil {
		elections = []*Election{}
	}
	return enc.Encode(elections)
}

// Merge returns base with every election of extra added; an election of
// extra whose id is already in base replaces it in place (a Pemda's
// edited export overrides the built-in contest). replaced lists the ids
// that were replaced.
func Merge(base, extra []*Election) (merged []*Election, replaced []string) {
	index := make(map[string]int, len(base))
	merged = append(merged, base...)
	for i, e := range merged {
		index[e.ID] = i
	}
	for _, e := range extra {
		if i, ok := index[e.ID]; ok {
			merged[i] = e
			replaced = append(replaced, e.ID)
			continue
		}
		index[e.ID] = len(merged)
		merged = append(merged, e)
	}
	return merged, replaced
}
