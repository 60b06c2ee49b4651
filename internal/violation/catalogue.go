package violation

// The catalogue is the entries of the matrix in force (data/skb-2022.json).

// Catalogue returns the 20 entries, KE-01..07 then DS-01..13.
func Catalogue() []Entry { return current.Entries() }

// Lookup returns the entry of a code.
func Lookup(c Code) (Entry, bool) { return current.Entry(c) }

// Valid reports whether c is in the catalogue.
func (c Code) Valid() bool {
	_, ok := current.byCode[c]
	return ok
}

// Title returns the Indonesian description of c, or "" when unknown.
func (c Code) Title() string { return current.Label(c, "id") }

// String returns the code itself.
func (c Code) String() string { return string(c) }
