package handlers

import (
	"net"
	"net/http"
	"strconv"
	"strings"

	"gazette/views"
)

// handleCommentSettings shows (GET) and saves (POST) the spam defences (admins only).
func handleCommentSettings(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		set, err := dk.store.CommentSettings(ctx)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		v := views.CommentSettingsForm{AdminPage: dk.page(r, "Comment spam settings", "comments"),
			Words: strings.Join(set.BlockedWords, "\n"), Domains: strings.Join(set.BlockedDomains, "\n"), IPs: strings.Join(set.BlockedIPs, "\n"),
			MaxLinks: strconv.Itoa(set.MaxLinks), MinSeconds: strconv.Itoa(set.MinSeconds), Closes: strconv.Itoa(set.CloseAfterDays),
			PerAddress: strconv.Itoa(set.PerAddressHour), PerArticle: strconv.Itoa(set.PerArticleHour), MaxSpam: strconv.Itoa(set.MaxSpam),
			PurgeDays: strconv.Itoa(set.PurgeAfterDays), Errors: map[string]string{}}
		if r.Method != http.MethodPost {
			dk.renderDesk(w, r, http.StatusOK, views.AdminCommentSettings(v))
			return
		}
		f := r.PostForm
		v.Words, v.Domains, v.IPs = f.Get("words"), f.Get("domains"), f.Get("ips")
		v.MaxLinks, v.MinSeconds, v.Closes = f.Get("max_links"), f.Get("min_seconds"), f.Get("close_after")
		v.PerAddress, v.PerArticle, v.MaxSpam, v.PurgeDays = f.Get("per_address"), f.Get("per_article"), f.Get("max_spam"), f.Get("purge_days")
		set.BlockedWords, set.BlockedDomains, set.BlockedIPs = splitLines(v.Words), splitLines(v.Domains), splitLines(v.IPs)
		for _, ip := range set.BlockedIPs {
			if _, _, err := net.ParseCIDR(ip); err != nil && net.ParseIP(ip) == nil {
				v.Errors["ips"] = "Not an address or range: " + strconv.Quote(ip) + "."
			}
		}
		for _, n := range []struct {
			field, value string
			min, max     int
			to           *int
		}{{"max_links", v.MaxLinks, 0, 100, &set.MaxLinks}, {"min_seconds", v.MinSeconds, 0, 600, &set.MinSeconds},
			{"close_after", v.Closes, 0, 36500, &set.CloseAfterDays}, {"per_address", v.PerAddress, 1, 10000, &set.PerAddressHour},
			{"per_article", v.PerArticle, 1, 100000, &set.PerArticleHour}, {"max_spam", v.MaxSpam, 1, 10000000, &set.MaxSpam},
			{"purge_days", v.PurgeDays, 0, 36500, &set.PurgeAfterDays}} {
			i, err := strconv.Atoi(strings.TrimSpace(n.value))
			if err != nil || i < n.min || i > n.max {
				v.Errors[n.field] = "Enter a whole number from " + strconv.Itoa(n.min) + " to " + strconv.Itoa(n.max) + "."
				continue
			}
			*n.to = i
		}
		if len(v.Errors) > 0 {
			dk.renderDesk(w, r, http.StatusUnprocessableEntity, views.AdminCommentSettings(v))
			return
		}
		if err := dk.store.SaveCommentSettings(ctx, set); err != nil {
			dk.deskError(w, r, err)
			return
		}
		dk.audit(r, "settings", "comment spam", "")
		seeOther(w, r, "/admin/comments/settings?done=settings")
	})
}

// splitLines turns a textarea into its non-empty lines, at most 1,000.
func splitLines(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" && len(out) < 1000 && len(line) <= 200 {
			out = append(out, line)
		}
	}
	return out
}
