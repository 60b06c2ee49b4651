package wilayah_test

import (
	"fmt"

	"github.com/netral-asn/netral/internal/wilayah"
)

func ExampleLookup() {
	r, _ := wilayah.Lookup("3216") // KPU form; "32.16" works too
	fmt.Println(r.Code, r.Name, "in", r.ProvinceName)
	// Output: 32.16 Kabupaten Bekasi in Jawa Barat
}

func ExampleSearch() {
	for _, r := range wilayah.Search("bandung", 3) {
		fmt.Println(r.Code, r.Name)
	}
	// Output:
	// 32.04 Kabupaten Bandung
	// 32.73 Kota Bandung
	// 32.17 Kabupaten Bandung Barat
}

func ExampleIsAncestor() {
	fmt.Println(wilayah.IsAncestor("32", "32.16"), wilayah.IsAncestor("32.16", "32"))
	// Output: true false
}
