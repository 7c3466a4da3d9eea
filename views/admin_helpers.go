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
