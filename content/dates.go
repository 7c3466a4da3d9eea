package content

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// dateLayouts are the string layouts Hugo accepts (spf13/cast's list), in the order it tries them.
// Layouts without an offset are read in the site's time zone.
var dateLayouts = []struct {
	layout  string
	hasZone bool // the layout carries a numeric offset or Z
}{
	{"2006-01-02", false},
	{time.RFC3339Nano, true},
	{"2006-01-02T15:04:05", false},
	{time.RFC1123Z, true},
	{time.RFC1123, false},
	{time.RFC822Z, true},
	{time.RFC822, false},
	{time.RFC850, false},
	{"2006-01-02 15:04:05.999999999 -0700 MST", true},
	{"2006-01-02T15:04:05-0700", true},
	{"2006-01-02 15:04:05Z0700", true},
	{"2006-01-02 15:04:05", false},
	{time.ANSIC, false},
	{time.UnixDate, false},
	{time.RubyDate, true},
	{"2006-01-02 15:04:05Z07:00", true},
	{"02 Jan 2006", false},
	{"2006-01-02 15:04:05 -07:00", true},
	{"2006-01-02 15:04:05 -0700", true},
	{"2006-01-02T15:04:05.999999999", false},
	{"2006-01-02 15:04:05.999999999", false},
}

// ParseDate reads a front-matter date value the way Hugo does: strings in any of Hugo's layouts
// (zone-less ones in loc), integers as Unix seconds. Empty or nil values are the zero time with no
// error, because Hugo treats them as "not set".
func ParseDate(v any, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	switch t := v.(type) {
	case nil:
		return time.Time{}, nil
	case time.Time:
		return t, nil
	case int64:
		return time.Unix(t, 0).In(loc), nil
	case int:
		return time.Unix(int64(t), 0).In(loc), nil
	case uint64:
		if t > math.MaxInt64 {
			return time.Time{}, fmt.Errorf("date %d is out of range", t)
		}
		return time.Unix(int64(t), 0).In(loc), nil
	case float64:
		if math.IsNaN(t) || math.IsInf(t, 0) || math.Abs(t) > 1e15 {
			return time.Time{}, fmt.Errorf("date %v is out of range", t)
		}
		return time.Unix(int64(t), 0).In(loc), nil
	case string:
		return parseDateString(t, loc)
	}
	return time.Time{}, fmt.Errorf("date has unexpected type %T", v)
}

func parseDateString(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, l := range dateLayouts {
		var t time.Time
		var err error
		if l.hasZone {
			t, err = time.Parse(l.layout, s)
		} else {
			t, err = time.ParseInLocation(l.layout, s, loc)
		}
		if err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot parse date %q (expected a form such as 2006-01-02 or 2006-01-02T15:04:05Z07:00)", s)
}

// FormatHugoDate prints a time as Hugo's `list` command does: RFC 3339 to the second in the
// date's own offset, Go's zero time for unset dates.
func FormatHugoDate(t time.Time) string {
	if t.IsZero() {
		return "0001-01-01T00:00:00Z"
	}
	return t.Format(time.RFC3339)
}
