package data

import (
	"net"
	"net/mail"
	"strings"
)

// BlockedBy returns the blocklist entry a comment matches, or "" when it matches none: a word
// anywhere in the name, email, website or body (any case), a domain of a link, the website or
// the email (subdomains included), or the poster's address (exact, or inside a CIDR range).
func (set CommentSettings) BlockedBy(name, email, website, body, ip string) string {
	text := strings.ToLower(name + "\n" + email + "\n" + website + "\n" + body)
	for _, w := range set.BlockedWords {
		if w = strings.ToLower(strings.TrimSpace(w)); w != "" && strings.Contains(text, w) {
			return "word " + w
		}
	}
	hosts := []string{}
	for _, u := range CommentLinks(body + " " + website) {
		hosts = append(hosts, strings.ToLower(u.Hostname()))
	}
	if addr, err := mail.ParseAddress(email); err == nil {
		if _, domain, ok := strings.Cut(addr.Address, "@"); ok {
			hosts = append(hosts, strings.ToLower(domain))
		}
	}
	for _, d := range set.BlockedDomains {
		d = strings.ToLower(strings.Trim(strings.TrimSpace(d), "."))
		for _, h := range hosts {
			if d != "" && (h == d || strings.HasSuffix(h, "."+d)) {
				return "domain " + d
			}
		}
	}
	addr := net.ParseIP(ip)
	for _, entry := range set.BlockedIPs {
		entry = strings.TrimSpace(entry)
		if _, cidr, err := net.ParseCIDR(entry); err == nil {
			if addr != nil && cidr.Contains(addr) {
				return "address " + entry
			}
		} else if e := net.ParseIP(entry); e != nil && addr != nil && e.Equal(addr) {
			return "address " + entry
		}
	}
	return ""
}
