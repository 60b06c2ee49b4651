package capture

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// This file keeps the fetcher away from the server's own network (SSRF
// protection). The check runs when a connection is made, on the address
// actually dialled, for the first request and for every redirect hop: the
// host is resolved once, every resolved address is checked, and only those
// addresses are dialled, so DNS rebinding (a name that resolves to a public
// address when the URL is pasted and to 127.0.0.1 later) gains nothing. The
// dialer's Control hook checks the socket address once more just before
// connect(2).

// dialTimeout bounds one TCP connect; the whole fetch is bounded by
// Options.Timeout anyway.
const dialTimeout = 10 * time.Second

// special lists address ranges that are neither caught by the netip
// predicates (loopback, private, link-local, multicast, unspecified) nor
// ones a public web server lives in.
var special = []struct {
	prefix netip.Prefix
	reason string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), `a "this network" address (0.0.0.0/8)`},
	{netip.MustParsePrefix("100.64.0.0/10"), "a carrier-grade NAT address (100.64.0.0/10)"},
	{netip.MustParsePrefix("192.0.0.0/24"), "an IETF protocol assignment address (192.0.0.0/24)"},
	{netip.MustParsePrefix("192.0.2.0/24"), "a documentation address (192.0.2.0/24)"},
	{netip.MustParsePrefix("192.88.99.0/24"), "a 6to4 relay anycast address (192.88.99.0/24)"},
	{netip.MustParsePrefix("198.18.0.0/15"), "a benchmarking address (198.18.0.0/15)"},
	{netip.MustParsePrefix("198.51.100.0/24"), "a documentation address (198.51.100.0/24)"},
	{netip.MustParsePrefix("203.0.113.0/24"), "a documentation address (203.0.113.0/24)"},
	{netip.MustParsePrefix("240.0.0.0/4"), "a reserved or broadcast address (240.0.0.0/4)"},
	{netip.MustParsePrefix("::/96"), "an IPv4-compatible IPv6 address (::/96)"},
	{netip.MustParsePrefix("64:ff9b:1::/48"), "a local-use NAT64 address (64:ff9b:1::/48)"},
	{netip.MustParsePrefix("100::/64"), "a discard-only address (100::/64)"},
	{netip.MustParsePrefix("2001::/32"), "a Teredo address (2001::/32)"},
	{netip.MustParsePrefix("2001:2::/48"), "a benchmarking address (2001:2::/48)"},
	{netip.MustParsePrefix("2001:db8::/32"), "a documentation address (2001:db8::/32)"},
	{netip.MustParsePrefix("3fff::/20"), "a documentation address (3fff::/20)"},
	{netip.MustParsePrefix("fec0::/10"), "a site-local address (fec0::/10)"},
}

var (
	nat64   = netip.MustParsePrefix("64:ff9b::/96")
	sixToF  = netip.MustParsePrefix("2002::/16")
	metaV4  = netip.MustParseAddr("169.254.169.254")
	metaV6  = netip.MustParseAddr("fd00:ec2::254")
	metaAli = netip.MustParseAddr("100.100.100.200")
)

// BlockedReason reports why ip is not a public address the fetcher may
// connect to, as a phrase such as "a loopback address", or "" when it may.
// IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) are judged as the IPv4
// address they carry, and so are NAT64 (64:ff9b::/96) and 6to4 (2002::/16)
// addresses. The allow-list of [Options] is not consulted.
func BlockedReason(ip netip.Addr) string {
	if !ip.IsValid() {
		return "not a valid address"
	}
	ip = ip.WithZone("")
	if ip.Is4In6() {
		if why := BlockedReason(ip.Unmap()); why != "" {
			return why + " in IPv4-mapped IPv6 form"
		}
		return ""
	}
	switch {
	case ip.IsUnspecified():
		return "an unspecified address"
	case ip.IsLoopback():
		return "a loopback address"
	case ip == metaV4 || ip == metaV6 || ip == metaAli:
		return "the cloud metadata service address"
	case ip.IsLinkLocalUnicast():
		return "a link-local address"
	case ip.IsMulticast():
		return "a multicast address"
	case ip.IsPrivate():
		return "a private network address"
	}
	for _, s := range special {
		if s.prefix.Contains(ip) {
			return s.reason
		}
	}
	if ip.Is6() {
		b := ip.As16()
		var v4 netip.Addr
		switch {
		case nat64.Contains(ip):
			v4 = netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
		case sixToF.Contains(ip):
			v4 = netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]})
		}
		if v4.IsValid() {
			if why := BlockedReason(v4); why != "" {
				return why + " embedded in a NAT64/6to4 address"
			}
		}
	}
	if !ip.IsGlobalUnicast() {
		return "not a global unicast address"
	}
	return ""
}

// policy is the address policy of a Fetcher: BlockedReason plus the
// allow-list.
type policy struct {
	hosts map[string]bool // lower-case "host" or "host:port"
	nets  []netip.Prefix
}

func newPolicy(hosts, cidrs []string) (*policy, error) {
	p := &policy{hosts: map[string]bool{}}
	for _, h := range hosts {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "" {
			continue
		}
		if host, port, err := net.SplitHostPort(h); err == nil {
			p.hosts[net.JoinHostPort(strings.TrimSuffix(host, "."), port)] = true
			continue
		}
		p.hosts[strings.TrimSuffix(strings.Trim(h, "[]"), ".")] = true
	}
	for _, c := range cidrs {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if pre, err := netip.ParsePrefix(c); err == nil {
			p.nets = append(p.nets, pre.Masked())
			continue
		}
		ip, err := netip.ParseAddr(c)
		if err != nil {
			return nil, &Error{Kind: ErrOptions, Detail: fmt.Sprintf("AllowCIDRs: %q is neither a CIDR prefix nor an IP address", c)}
		}
		p.nets = append(p.nets, netip.PrefixFrom(ip, ip.BitLen()))
	}
	return p, nil
}

// hostAllowed reports whether the allow-list names host (as written in the
// URL) or host:port.
func (p *policy) hostAllowed(host, port string) bool {
	if len(p.hosts) == 0 {
		return false
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	return p.hosts[host] || p.hosts[net.JoinHostPort(host, port)]
}

// refusal returns why ip may not be contacted, or "" when it may.
func (p *policy) refusal(ip netip.Addr) string {
	ip = ip.WithZone("")
	for _, n := range p.nets {
		if n.Contains(ip) || n.Contains(ip.Unmap()) {
			return ""
		}
	}
	return BlockedReason(ip)
}

// blocked builds the error for a refused address.
func blocked(host string, ip netip.Addr, why string) *Error {
	d := fmt.Sprintf("%s is %s", ip, why)
	if h := strings.Trim(host, "[]"); h != ip.String() && h != "" {
		d = fmt.Sprintf("%s resolves to %s, %s", host, ip, why)
	}
	return &Error{Kind: ErrBlockedAddress, Detail: d}
}

// control returns the net.Dialer Control hook: the last check, on the
// socket address about to be connected to.
func (p *policy) control(trusted bool, host string) func(network, address string, c syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		if trusted {
			return nil
		}
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return &Error{Kind: ErrBlockedAddress, Detail: fmt.Sprintf("cannot check address %q", address)}
		}
		if why := p.refusal(ap.Addr()); why != "" {
			return blocked(host, ap.Addr(), why)
		}
		return nil
	}
}

// lookupFunc resolves a host name to its addresses.
type lookupFunc func(ctx context.Context, host string) ([]netip.Addr, error)

func defaultLookup(ctx context.Context, host string) ([]netip.Addr, error) {
	return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
}

// dialContext is the Transport's DialContext: resolve, check every
// address, dial only checked addresses.
func (f *Fetcher) dialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, portStr, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, &Error{Kind: ErrInvalidURL, Detail: fmt.Sprintf("bad address %q", addr)}
	}
	port, err := strconv.ParseUint(portStr, 10, 16)
	if err != nil {
		return nil, &Error{Kind: ErrInvalidURL, Detail: fmt.Sprintf("bad port %q", portStr)}
	}
	trusted := f.policy.hostAllowed(host, portStr)

	var ips []netip.Addr
	if ip, err := netip.ParseAddr(host); err == nil {
		ips = []netip.Addr{ip}
	} else {
		ips, err = f.lookup(ctx, host)
		if err != nil {
			return nil, dnsError(host, err)
		}
		if len(ips) == 0 {
			return nil, &Error{Kind: ErrHostNotFound, Detail: fmt.Sprintf("%s has no addresses", host)}
		}
	}
	if !trusted {
		// Refuse when any answer is internal: a public name has no business
		// resolving to the server's own network, and mixed answers are a
		// rebinding pattern.
		for _, ip := range ips {
			if why := f.policy.refusal(ip); why != "" {
				return nil, blocked(host, ip, why)
			}
		}
	}
	d := &net.Dialer{
		Timeout:   dialTimeout,
		KeepAlive: 30 * time.Second,
		Control:   f.policy.control(trusted, host),
	}
	var first error
	for _, ip := range ips {
		conn, err := d.DialContext(ctx, network, netip.AddrPortFrom(ip.Unmap(), uint16(port)).String())
		if err == nil {
			return conn, nil
		}
		if first == nil {
			first = err
		}
		var ce *Error
		if ctx.Err() != nil || errors.As(err, &ce) {
			break
		}
	}
	return nil, first
}

// dnsError classifies a failed lookup.
func dnsError(host string, err error) error {
	var de *net.DNSError
	if errors.As(err, &de) {
		switch {
		case de.IsNotFound:
			return &Error{Kind: ErrHostNotFound, Detail: fmt.Sprintf("%s does not exist (DNS)", host), Err: err}
		case de.IsTimeout:
			return &Error{Kind: ErrTimeout, Detail: fmt.Sprintf("DNS lookup of %s timed out", host), Err: err}
		}
	}
	return &Error{Kind: ErrNetwork, Detail: fmt.Sprintf("DNS lookup of %s failed: %v", host, err), Err: err}
}
