package reader

import (
	"strings"
)

// LangTag is the language tag readers' software is told (html lang, hreflang, og:locale,
// JSON-LD inLanguage, RSS language) for a content language, read as Hugo reads it: the
// language's own languageCode, else, for the default language, the site's languageCode, else
// the language key itself. A Hugo site written in Russian often keeps the default language key
// "en" and says "ru" only in languageCode.
func (st *State) LangTag(lang string) string {
	if lang == "" {
		lang = st.Settings.DefaultLanguage
	}
	hugo := st.Settings.Hugo
	if langs, ok := hugo["languages"].(map[string]any); ok {
		for key, v := range langs {
			if !strings.EqualFold(key, lang) {
				continue
			}
			if m, ok := v.(map[string]any); ok {
				if code := configString(m, "languagecode"); code != "" {
					return code
				}
			}
		}
	}
	if lang == st.Settings.DefaultLanguage {
		if code := configString(hugo, "languagecode"); code != "" {
			return code
		}
	}
	return lang
}

// configString is a string value of a Hugo config map, whatever the case of its key.
func configString(m map[string]any, key string) string {
	for k, v := range m {
		if strings.EqualFold(k, key) {
			if s, ok := v.(string); ok {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}
