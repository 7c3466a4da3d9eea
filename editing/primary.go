package editing

import (
	"strings"
	"time"

	"gazette/data"
)

// PrimaryAction is the article form's one primary button. An article readers see, or are
// going to see, is updated; any other is published, or scheduled when the form already holds
// a publish time in the future (the script moves the primary button as that field changes).
func PrimaryAction(status data.Status, publishDate string, loc *time.Location, now time.Time) string {
	switch status {
	case data.StatusPublished, data.StatusScheduled:
		return "update"
	}
	if t, err := time.ParseInLocation(FormTime, strings.TrimSpace(publishDate), loc); err == nil && t.After(now) {
		return "schedule"
	}
	return "publish"
}

// ZoneName names a time zone as editors read it: its name, abbreviation and offset now
// ("Europe/Oslo (CET, UTC+01:00)"), so nobody has to guess what the form's times mean.
func ZoneName(loc *time.Location, now time.Time) string {
	abbr, _ := now.In(loc).Zone()
	offset := now.In(loc).Format("-07:00")
	if loc == time.UTC || loc.String() == "UTC" {
		return "UTC"
	}
	if abbr == "" || strings.HasPrefix(abbr, "+") || strings.HasPrefix(abbr, "-") {
		return loc.String() + " (UTC" + offset + ")"
	}
	return loc.String() + " (" + abbr + ", UTC" + offset + ")"
}
