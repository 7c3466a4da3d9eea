package editing

import (
	"strings"

	"gazette/content"
	"gazette/data"
	"gazette/reader"
	"gazette/views"
)

// AuthorFromForm checks a profile form: a name, an address made of the name's words, a bio of
// reasonable length, a picture that is an upload or a web address, and links that are.
func AuthorFromForm(v views.AuthorValues) (data.AuthorProfile, map[string]string) {
	fr := &FieldReader{}
	p := data.AuthorProfile{Name: fr.Text("name", strings.TrimSpace(v.Name), 100, true)}
	p.Slug = content.Urlize(strings.TrimSpace(v.Slug))
	if strings.TrimSpace(v.Slug) == "" {
		p.Slug = content.Urlize(p.Name)
	}
	if p.Slug == "" || p.Slug == "new" || strings.ContainsAny(p.Slug, "/.") || len(p.Slug) > 100 {
		fr.Errs.Add("slug", "Use letters, digits and hyphens.")
	}
	p.Bio = fr.Text("bio", strings.TrimSpace(v.Bio), 2000, false)
	if v.Avatar != "" && !strings.HasPrefix(v.Avatar, "/media/") && !strings.HasPrefix(v.Avatar, "https://") {
		fr.Errs.Add("avatar", "Use an uploaded picture or an https:// address.")
	}
	p.Avatar = v.Avatar
	for _, line := range strings.Split(v.Links, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		name, u, found := strings.Cut(line, "|")
		if !found {
			name, u = "", name
		}
		name, u = strings.TrimSpace(name), strings.TrimSpace(u)
		if !reader.SafeLink(u) || strings.ContainsAny(u, " <>\"") {
			fr.Errs.Add("links", "Each line is a name, a bar and an address: Site | https://example.com/")
			continue
		}
		p.Links = append(p.Links, data.AuthorLink{Name: name, URL: u})
	}
	if len(p.Links) > 10 {
		fr.Errs.Add("links", "At most 10 links.")
	}
	return p, fr.Errs.Fields
}
