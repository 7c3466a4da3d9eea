package reader

import (
	"strings"

	"gazette/views"
)

// socialNetworks are the profile links Mainroad's social widget knows, in its order.
var socialNetworks = []struct{ key, name, url string }{
	{"facebook", "Facebook", "https://www.facebook.com/"},
	{"twitter", "X (Twitter)", "https://x.com/"},
	{"mastodon", "Mastodon", ""},
	{"instagram", "Instagram", "https://www.instagram.com/"},
	{"linkedin", "LinkedIn", "https://www.linkedin.com/in/"},
	{"telegram", "Telegram", "https://t.me/"},
	{"github", "GitHub", "https://github.com/"},
	{"gitlab", "GitLab", "https://gitlab.com/"},
	{"bitbucket", "Bitbucket", "https://bitbucket.org/"},
	{"email", "Email", "mailto:"},
}

func socialLinks(params map[string]any) []views.WidgetLink {
	var out []views.WidgetLink
	for _, n := range socialNetworks {
		v := ParamString(params, "widgets", "social", n.key)
		if v == "" {
			continue
		}
		u := n.url + v
		if strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "http://") || n.url == "" {
			u = v
		}
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "mailto:") {
			continue
		}
		out = append(out, views.WidgetLink{Name: n.name, URL: u})
	}
	if custom, ok := Param(params, "widgets", "social", "custom").([]any); ok {
		for _, c := range custom {
			m, _ := c.(map[string]any)
			title, u := ParamString(m, "title"), ParamString(m, "url")
			if title != "" && (strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) {
				out = append(out, views.WidgetLink{Name: title, URL: u})
			}
		}
	}
	return out
}

// SocialKeys are the profile networks the social widget knows, in its order (the desk's
// settings offer a field for each).
func SocialKeys() []string {
	keys := make([]string, len(socialNetworks))
	for i, n := range socialNetworks {
		keys[i] = n.key
	}
	return keys
}
