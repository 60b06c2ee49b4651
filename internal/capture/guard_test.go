package capture

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
)

func TestBlockedReason(t *testing.T) {
	for addr, want := range map[string]string{
		// refused
		"127.0.0.1":              "loopback",
		"127.255.255.254":        "loopback",
		"::1":                    "loopback",
		"::ffff:127.0.0.1":       "loopback address in IPv4-mapped IPv6 form",
		"0.0.0.0":                "unspecified",
		"::":                     "unspecified",
		"0.1.2.3":                "this network",
		"10.0.0.1":               "private",
		"172.16.0.1":             "private",
		"172.31.255.255":         "private",
		"192.168.0.1":            "private",
		"::ffff:192.168.0.1":     "private network address in IPv4-mapped",
		"fc00::1":                "private",
		"fd12:3456::1":           "private",
		"169.254.169.254":        "cloud metadata",
		"::ffff:169.254.169.254": "cloud metadata",
		"fd00:ec2::254":          "cloud metadata",
		"100.100.100.200":        "cloud metadata",
		"169.254.1.1":            "link-local",
		"fe80::1":                "link-local",
		"fe80::1%eth0":           "link-local",
		"100.64.0.1":             "carrier-grade NAT",
		"100.127.255.255":        "carrier-grade NAT",
		"224.0.0.1":              "multicast",
		"239.255.255.250":        "multicast",
		"ff02::1":                "multicast",
		"ff05::2":                "multicast",
		"255.255.255.255":        "broadcast",
		"240.0.0.1":              "reserved",
		"192.0.0.192":            "IETF",
		"192.0.2.1":              "documentation",
		"198.51.100.7":           "documentation",
		"203.0.113.9":            "documentation",
		"198.18.0.1":             "benchmarking",
		"2001:db8::1":            "documentation",
		"::7f00:1":               "IPv4-compatible",
		"64:ff9b::7f00:1":        "loopback address embedded in a NAT64/6to4",
		"64:ff9b::a9fe:a9fe":     "cloud metadata service address embedded",
		"2002:a00:1::1":          "private network address embedded",
		"64:ff9b:1::1":           "NAT64",
		"2001::1":                "Teredo",
		"fec0::1":                "site-local",
		"100::1":                 "discard",
		// allowed: public addresses
		"8.8.8.8":              "",
		"1.1.1.1":              "",
		"36.86.63.182":         "",
		"100.63.255.255":       "",
		"100.128.0.0":          "",
		"172.32.0.1":           "",
		"::ffff:8.8.8.8":       "",
		"2606:4700:4700::1111": "",
		"2404:6800:4003::200e": "",
		"64:ff9b::808:808":     "",
		"2002:808:808::1":      "",
	} {
		got := BlockedReason(netip.MustParseAddr(addr))
		if want == "" && got != "" || want != "" && !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", addr, got, want)
		}
	}
	if BlockedReason(netip.Addr{}) == "" {
		t.Error("the zero Addr must be refused")
	}
}

func TestPolicyAllowList(t *testing.T) {
	p, err := newPolicy([]string{" First.Test ", "127.0.0.1:8080", "[::1]:9090", "example.org.", ""}, []string{"127.0.0.1/32", "10.9.0.0/16", "::1", ""})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		host, port string
		want       bool
	}{
		{"first.test", "80", true},
		{"FIRST.TEST.", "443", true},
		{"127.0.0.1", "8080", true},
		{"127.0.0.1", "8081", false},
		{"::1", "9090", true},
		{"::1", "9091", false},
		{"example.org", "80", true},
		{"second.test", "80", false},
	} {
		if got := p.hostAllowed(tc.host, tc.port); got != tc.want {
			t.Errorf("hostAllowed(%s, %s) = %v", tc.host, tc.port, got)
		}
	}
	for addr, allowed := range map[string]bool{
		"127.0.0.1":        true,
		"::ffff:127.0.0.1": true,
		"127.0.0.2":        false,
		"10.9.3.4":         true,
		"10.8.3.4":         false,
		"::1":              true,
		"169.254.169.254":  false,
		"8.8.8.8":          true, // public anyway
	} {
		if got := p.refusal(netip.MustParseAddr(addr)) == ""; got != allowed {
			t.Errorf("refusal(%s): allowed %v, want %v", addr, got, allowed)
		}
	}
}

// The Control hook is the last line: whatever reached connect(2) is checked
// again.
func TestDialerControlHook(t *testing.T) {
	p, err := newPolicy(nil, []string{"127.0.0.1/32"})
	if err != nil {
		t.Fatal(err)
	}
	check := p.control(false, "rebind.test")
	for addr, wantErr := range map[string]bool{
		"127.0.0.1:80":            false,
		"127.0.0.2:80":            true,
		"[::1]:80":                true,
		"[::ffff:10.0.0.1]:443":   true,
		"169.254.169.254:80":      true,
		"[fe80::1%eth0]:80":       true,
		"8.8.8.8:53":              false,
		"[2606:4700::1111]:443":   false,
		"not an address":          true,
		"rebind.test:80":          true,
		"[64:ff9b::7f00:1]:65535": true,
	} {
		err := check("tcp", addr, nil)
		if (err != nil) != wantErr {
			t.Errorf("%s: %v", addr, err)
		}
		if err != nil && !errors.Is(err, ErrBlockedAddress) {
			t.Errorf("%s: kind %v", addr, err)
		}
	}
	if err := p.control(true, "allowed.test")("tcp", "127.0.0.2:80", nil); err != nil {
		t.Errorf("trusted host: %v", err)
	}
	err = check("tcp", "169.254.169.254:80", nil)
	if want := "rebind.test resolves to 169.254.169.254, the cloud metadata service address"; !strings.Contains(err.Error(), want) {
		t.Errorf("message %q", err)
	}
}
