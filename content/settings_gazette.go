package content

import (
	"strings"

	"gazette/data"
)

// applyGazetteParams reads back what an export wrote for settings Hugo has no key for: the
// desk's subtitle in params.subtitle, and Gazette's own settings under params.gazette (where
// themes never look), so an exported site imported again keeps them.
func applyGazetteParams(set *data.SiteSettings, params map[string]any) {
	if s, ok := lookupFold(params, "subtitle").(string); ok {
		set.Subtitle = s
	}
	g, _ := lookupFold(params, "gazette").(map[string]any)
	if g == nil {
		return
	}
	if v := stringValue(lookupFold(g, "comments_mode")); v != "" {
		set.CommentsMode = v
	}
	set.FeedFullContent = truthy(lookupFold(g, "feed_full_content"))
	if n := intValue(lookupFold(g, "feed_limit")); n > 0 {
		set.FeedLimit = n
	}
	set.RobotsTxt = stringValue(lookupFold(g, "robots_txt"))
}

// lookupFold is m's value for key, matched without case, as Hugo matches keys.
func lookupFold(m map[string]any, key string) any {
	if v, ok := m[key]; ok {
		return v
	}
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return nil
}
