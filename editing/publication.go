package editing

import (
	"time"

	"gazette/data"
)

// ApplyAction sets the publication fields for the desk button pressed (save, draft, unpublish,
// publish, schedule) and returns the flash code of what it did.
func ApplyAction(a, base *data.Article, action string, now time.Time, errs *data.ValidationError) string {
	now = now.Truncate(time.Second)
	if !a.Date.IsZero() {
		now = now.In(a.Date.Location())
	}
	note := "saved"
	switch action {
	case "save", "":
		a.Draft = base.Draft
	case "draft", "unpublish":
		a.Draft = true
		if action == "unpublish" {
			note = "unpublished"
		}
	case "publish":
		a.Draft, note = false, "published"
		if a.PublishDate.IsZero() || a.PublishDate.After(now) {
			a.PublishDate = now
		}
		if !a.ExpiryDate.IsZero() && !a.ExpiryDate.After(now) {
			errs.Add("expiry_date", "This expiry time has passed: clear it or move it to publish.")
		}
	case "schedule":
		a.Draft, note = false, "scheduled"
		if a.PublishDate.IsZero() || !a.PublishDate.After(now) {
			errs.Add("publish_date", "To schedule, pick a publish time in the future.")
		}
	default:
		errs.Add("action", "Unknown action.")
	}
	if a.Date.IsZero() && (base.ID == 0 || action == "publish" || action == "schedule") {
		a.Date = a.PublishDate
		if a.Date.IsZero() {
			a.Date = now
		}
	}
	if a.PublishDate.IsZero() && !a.Date.IsZero() && (base.ID == 0 || action == "publish" || action == "schedule") {
		a.PublishDate = a.Date
	}
	return note
}
