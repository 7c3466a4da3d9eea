package editing

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"gazette/data"
	"gazette/reader"
	"gazette/views"
)

// The settings page writes the theme settings into Params under Hugo/Mainroad's own keys, the
// keys the reader pages already read for imported sites: one place for each setting.

var colorPattern = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// SettingsValues are the stored settings as the desk's settings form shows them.
func SettingsValues(set data.SiteSettings) views.SettingsValues {
	p := set.Params
	v := views.SettingsValues{
		Title: set.Title, Subtitle: set.Subtitle, Description: set.Description, BaseURL: set.BaseURL, TimeZone: set.TimeZone,
		PageSize: strconv.Itoa(set.PageSize), DateFormat: reader.ParamString(p, "dateformat"), Copyright: reader.ParamString(p, "copyright"),
		HighlightColor: reader.ParamString(p, "style", "vars", "highlightColor"), LogoImage: reader.ParamString(p, "logo", "image"),
		SidebarHome: sidebarParam(p, "home"), SidebarSingle: sidebarParam(p, "single"), SidebarList: sidebarParam(p, "list"),
		CategoriesCounter: reader.ParamBool(p, "widgets", "categories_counter"), TagsCounter: reader.ParamBool(p, "widgets", "tags_counter"),
		CommentsMode: set.CommentsMode, Social: map[string]string{},
		MainMenu: menuLines(set.Menus["main"]), FooterMenu: menuLines(set.Menus["footer"]),
	}
	if v.CommentsMode == "" {
		v.CommentsMode = "moderated"
	}
	if w, ok := reader.ParamStrings(p, "sidebar", "widgets"); ok {
		v.Widgets = strings.Join(w, ", ")
	}
	if pm, ok := reader.ParamStrings(p, "post_meta"); ok {
		v.PostMeta = strings.Join(pm, ", ")
	}
	if ms, ok := reader.ParamStrings(p, "mainSections"); ok {
		v.HomeSections = strings.Join(ms, ", ")
	}
	if n, ok := reader.ParamInt(p, "widgets", "recent_num"); ok {
		v.RecentNum = strconv.Itoa(n)
	}
	if n, ok := reader.ParamInt(p, "widgets", "tags_limit"); ok {
		v.TagsLimit = strconv.Itoa(n)
	}
	for _, k := range reader.SocialKeys() {
		v.Social[k] = reader.ParamString(p, "widgets", "social", k)
	}
	return v
}

func sidebarParam(p map[string]any, kind string) string {
	switch v := reader.Param(p, "sidebar", kind).(type) {
	case string:
		return v
	case bool:
		if !v {
			return "false"
		}
		return "right"
	}
	return ""
}

// menuLines shows a menu in the order readers see it (an imported menu may be a map, or a
// list out of weight order), so saving the form keeps that order.
func menuLines(v any) string {
	var lines []string
	entries := reader.ConfigMenuEntries(v)
	reader.SortMenu(entries)
	for _, e := range entries {
		lines = append(lines, e.Name+" | "+e.URL)
	}
	return strings.Join(lines, "\n")
}

// ApplySettings validates the settings form and writes it into set.
func ApplySettings(v views.SettingsValues, set *data.SiteSettings) *data.ValidationError {
	fr := &FieldReader{Loc: time.UTC}
	set.Title = fr.Text("title", v.Title, 200, true)
	set.Subtitle = fr.Text("subtitle", v.Subtitle, 200, false)
	set.Description = fr.Text("description", v.Description, 500, false)
	if u, err := url.Parse(strings.TrimSpace(v.BaseURL)); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		fr.Errs.Add("base_url", "Enter the site's address, such as https://news.example.com/.")
	} else {
		set.BaseURL = strings.TrimSuffix(u.String(), "/") + "/"
	}
	if _, err := time.LoadLocation(strings.TrimSpace(v.TimeZone)); err != nil {
		fr.Errs.Add("time_zone", "Enter a time zone name such as UTC or Europe/Madrid.")
	} else {
		set.TimeZone = strings.TrimSpace(v.TimeZone)
	}
	if n := fr.Integer("page_size", v.PageSize); n < 1 || n > 100 {
		fr.Errs.Add("page_size", "Between 1 and 100 articles per page.")
	} else {
		set.PageSize = n
	}
	switch v.CommentsMode {
	case "open", "trusted", "moderated", "closed", "off":
		set.CommentsMode = v.CommentsMode
	default:
		fr.Errs.Add("comments_mode", "Pick open, trusted, moderated, closed or off.")
	}
	if set.Params == nil {
		set.Params = map[string]any{}
	}
	p := set.Params
	setParam(p, fr.Text("copyright", v.Copyright, 200, false), "copyright")
	if df := fr.Text("date_format", v.DateFormat, 60, false); df != "" && !isTimeLayout(df) {
		fr.Errs.Add("date_format", "Write the date the way you want January 2, 2006 to look, e.g. 2 January 2006 or 2006-01-02.")
	} else {
		setParam(p, df, "dateformat")
	}
	if c := strings.TrimSpace(v.HighlightColor); c != "" && !colorPattern.MatchString(c) {
		fr.Errs.Add("highlight_color", "Use a colour such as #e22d30.")
	} else {
		setParam(p, c, "style", "vars", "highlightColor")
	}
	// An imported site's logo ("img/logo.png", a file of its static folder) is kept as it is
	// while the field is left alone; a new value must be an upload or an https address.
	if logo := strings.TrimSpace(v.LogoImage); logo == "" || logo != reader.ParamString(p, "logo", "image") {
		setParam(p, thumbnailAs(fr, "logo_image", v.LogoImage), "logo", "image")
	}
	for kind, s := range map[string]string{"home": v.SidebarHome, "single": v.SidebarSingle, "list": v.SidebarList} {
		if s != "" && s != "left" && s != "right" && s != "false" {
			fr.Errs.Add("sidebar", "Pick right, left, none or default.")
		}
		setParam(p, s, "sidebar", kind)
	}
	widgets := fr.List("widgets", v.Widgets, 10)
	for _, w := range widgets {
		if !slices.Contains(DeskWidgets, w) {
			fr.Errs.Add("widgets", "Unknown widget "+strconv.Quote(w)+".")
		}
	}
	setParam(p, anyList(widgets), "sidebar", "widgets")
	postMeta := fr.List("post_meta", v.PostMeta, 10)
	for _, m := range postMeta {
		if !slices.Contains([]string{"author", "date", "categories", "translations"}, m) {
			fr.Errs.Add("post_meta", "Use author, date, categories or translations.")
		}
	}
	setParam(p, anyList(postMeta), "post_meta")
	// Hugo's mainSections, whatever case the imported config wrote it in, becomes one key.
	for k := range p {
		if strings.EqualFold(k, "mainSections") {
			delete(p, k)
		}
	}
	setParam(p, anyList(fr.List("home_sections", v.HomeSections, 20)), "mainSections")
	for key, s := range map[string]string{"recent_num": v.RecentNum, "tags_limit": v.TagsLimit} {
		if strings.TrimSpace(s) == "" {
			setParam(p, nil, "widgets", key)
			continue
		}
		n := fr.Integer(key, s)
		if n < 1 || n > 100 {
			fr.Errs.Add(key, "Between 1 and 100.")
		}
		setParam(p, n, "widgets", key)
	}
	setParam(p, v.CategoriesCounter, "widgets", "categories_counter")
	setParam(p, v.TagsCounter, "widgets", "tags_counter")
	for _, k := range reader.SocialKeys() {
		s := fr.Text("social."+k, v.Social[k], 200, false)
		if strings.ContainsAny(s, "<>\" ") || strings.HasPrefix(strings.ToLower(s), "javascript:") {
			fr.Errs.Add("social."+k, "A user name or an address without spaces or quotes.")
		}
		setParam(p, s, "widgets", "social", k)
	}
	if set.Menus == nil {
		set.Menus = map[string]any{}
	}
	for field, name := range map[string]string{"main_menu": "main", "footer_menu": "footer"} {
		text := v.MainMenu
		if name == "footer" {
			text = v.FooterMenu
		}
		entries := menuField(fr, field, text, reader.ConfigMenuEntries(set.Menus[name]))
		if len(entries) == 0 {
			delete(set.Menus, name)
		} else {
			set.Menus[name] = entries
		}
	}
	return fr.Errs.ErrFields()
}

// layoutProbe differs from Go's reference time in every element (year, month, day, weekday,
// hour, minute, second, zone), so formatting it with a layout that holds no element at all
// (strftime's "%Y", plain text) gives the layout back unchanged.
var layoutProbe = time.Date(1999, time.November, 28, 21, 39, 48, 0, time.FixedZone("CET", 3600))

// isTimeLayout reports whether s is a Go time layout: it has at least one element to fill in.
func isTimeLayout(s string) bool { return layoutProbe.Format(s) != s }

// menuField reads "Name | /url/" lines into Hugo menu entries weighted in the order of the lines.
// An entry that was there before keeps its weight when that still fits the order, so articles'
// own menu entries (weighted between the site's) stay where they were; others get the previous
// weight + 10.
func menuField(fr *FieldReader, field, text string, before []reader.MenuEntry) []any {
	var out []any
	weight := 0
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		name, link, ok := strings.Cut(line, "|")
		name, link = strings.TrimSpace(name), strings.TrimSpace(link)
		u, err := url.Parse(link)
		if !ok || name == "" || err != nil || strings.ContainsAny(link, "\"<> ") ||
			!(strings.HasPrefix(link, "/") && !strings.HasPrefix(link, "//") || u.Scheme == "https" || u.Scheme == "http") {
			fr.Errs.Add(field, "Line "+strconv.Itoa(i+1)+": write Name | /path/ or Name | https://…")
			continue
		}
		next := weight + 10
		for _, e := range before {
			if e.Name == name && e.URL == link && e.Weight > weight {
				next = e.Weight
				break
			}
		}
		weight = next
		out = append(out, map[string]any{"name": name, "url": link, "weight": weight})
	}
	return out
}

func thumbnailAs(fr *FieldReader, field, s string) string {
	sub := &FieldReader{Loc: fr.Loc}
	v := sub.Thumbnail(s)
	if msg, bad := sub.Errs.Fields["thumbnail"]; bad {
		fr.Errs.Add(field, msg)
	}
	return v
}

// setParam sets (or, for empty values, removes) a nested key of the params map.
func setParam(m map[string]any, v any, path ...string) {
	for _, k := range path[:len(path)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	last := path[len(path)-1]
	switch x := v.(type) {
	case nil:
		delete(m, last)
	case string:
		if x == "" {
			delete(m, last)
			return
		}
		m[last] = x
	case []any:
		if len(x) == 0 {
			delete(m, last)
			return
		}
		m[last] = x
	default:
		m[last] = v
	}
}

func anyList(s []string) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}
