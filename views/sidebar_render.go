package views

import (
	"context"
	"strings"
)

// RenderSidebar renders a sidebar once for every page that shows the same one: it depends only
// on the page's language and on the sidebar's own values.
func RenderSidebar(ctx context.Context, lang string, sb Sidebar) (string, error) {
	var b strings.Builder
	sb.HTML = ""
	if err := sidebarBlock(Page{Site: Site{Lang: lang}, Sidebar: sb}).Render(ctx, &b); err != nil {
		return "", err
	}
	return b.String(), nil
}
