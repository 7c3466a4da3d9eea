package views

import "strconv"

func formAction(id int64) string {
	if id == 0 {
		return "/admin/articles/new"
	}
	return "/admin/articles/" + strconv.FormatInt(id, 10)
}

func langLabel(code, name string) string {
	if name == "" {
		return code
	}
	return name + " (" + code + ")"
}

func menuLabel(m string) string {
	if m == "" {
		return "Not in a menu"
	}
	return m
}

func sidebarLabel(s string) string {
	return map[string]string{"": "Site default", "right": "Right", "left": "Left", "false": "None"}[s]
}

func diffClass(op string) string {
	return map[string]string{"+": "diff-add", "-": "diff-del", "=": "diff-same"}[op]
}

// primaryAction is the form's one primary button: "publish" and "schedule" for an article
// readers do not see yet, "update" for one they see or will see.
func primaryAction(v ArticleForm) string {
	if v.Primary != "" {
		return v.Primary
	}
	return "publish"
}

// groupOpen reports whether a folded group of the form holds a field to correct.
func groupOpen(errs map[string]string, fields ...string) bool {
	for _, f := range fields {
		if _, ok := errs[f]; ok {
			return true
		}
	}
	return false
}

// mediaLabel is an image's text alternative in the desk: its alt text, else its file name.
func mediaLabel(m MediaItem) string {
	if m.Alt != "" {
		return m.Alt
	}
	return m.Name
}

// deskPlural picks the English word for n (the desk is in English).
func deskPlural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
