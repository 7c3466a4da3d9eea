package handlers

import (
	"net/http"

	"gazette/editing"
	"gazette/reader"
	"gazette/views"
)

// handleSettingsShow shows the settings form.
func handleSettingsShow(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		set := dk.settings(r.Context())
		dk.renderSettings(w, r, http.StatusOK, editing.SettingsValues(set), nil)
	})
}

func (dk *desk) renderSettings(w http.ResponseWriter, r *http.Request, status int, v views.SettingsValues, errs map[string]string) {
	dk.renderDesk(w, r, status, views.AdminSettings(views.SettingsForm{AdminPage: dk.page(r, "Settings", "settings"),
		Values: v, Errors: errs, Social: reader.SocialKeys(), Widgets: editing.DeskWidgets}))
}

// handleSettingsSave validates and saves the settings; errors come back beside their fields.
func handleSettingsSave(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := r.PostForm
		v := views.SettingsValues{
			Title: f.Get("title"), Subtitle: f.Get("subtitle"), Description: f.Get("description"), BaseURL: f.Get("base_url"),
			Copyright: f.Get("copyright"),
			TimeZone:  f.Get("time_zone"), PageSize: f.Get("page_size"), DateFormat: f.Get("date_format"),
			HighlightColor: f.Get("highlight_color"), LogoImage: f.Get("logo_image"), SidebarHome: f.Get("sidebar_home"),
			SidebarSingle: f.Get("sidebar_single"), SidebarList: f.Get("sidebar_list"), Widgets: f.Get("widgets"),
			RecentNum: f.Get("recent_num"), TagsLimit: f.Get("tags_limit"), CategoriesCounter: f.Get("categories_counter") != "",
			TagsCounter: f.Get("tags_counter") != "", PostMeta: f.Get("post_meta"), HomeSections: f.Get("home_sections"), MainMenu: f.Get("main_menu"),
			FooterMenu: f.Get("footer_menu"), CommentsMode: f.Get("comments_mode"), Social: map[string]string{},
		}
		for _, k := range reader.SocialKeys() {
			v.Social[k] = f.Get("social." + k)
		}
		set, err := dk.store.SiteSettings(r.Context())
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		if invalid := editing.ApplySettings(v, &set); invalid != nil {
			dk.renderSettings(w, r, http.StatusUnprocessableEntity, v, invalid.Fields)
			return
		}
		if err := dk.store.SaveSiteSettings(r.Context(), set); err != nil {
			dk.deskError(w, r, err)
			return
		}
		dk.audit(r, "settings", "site", "")
		seeOther(w, r, "/admin/settings?done=settings")
	})
}
