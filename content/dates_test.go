package content

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Skip("no time zone data")
	}
	tests := []struct {
		in   any
		loc  *time.Location
		want string // FormatHugoDate of the result
	}{
		{"2025-02-09 20:41:00", time.UTC, "2025-02-09T20:41:00Z"},
		{"2025-02-09 20:41:00", shanghai, "2025-02-09T20:41:00+08:00"},
		{"2025-02-09", time.UTC, "2025-02-09T00:00:00Z"},
		{"2021-04-10T23:50:05+08:00", time.UTC, "2021-04-10T23:50:05+08:00"},
		{"2021-04-10T23:50:05Z", shanghai, "2021-04-10T23:50:05Z"},
		{"2021-04-10T23:50:05.123Z", time.UTC, "2021-04-10T23:50:05Z"},
		{"2025-11-26T17:00:00", time.UTC, "2025-11-26T17:00:00Z"},
		{"Mon, 02 Jan 2006 15:04:05 -0700", time.UTC, "2006-01-02T15:04:05-07:00"},
		{"02 Jan 2006", time.UTC, "2006-01-02T00:00:00Z"},
		{"2006-01-02 15:04:05 -07:00", time.UTC, "2006-01-02T15:04:05-07:00"},
		{"", time.UTC, "0001-01-01T00:00:00Z"},
		{"  ", time.UTC, "0001-01-01T00:00:00Z"},
		{nil, time.UTC, "0001-01-01T00:00:00Z"},
		{int64(0), time.UTC, "1970-01-01T00:00:00Z"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in, tt.loc)
		if err != nil {
			t.Errorf("ParseDate(%#v): %v", tt.in, err)
			continue
		}
		if s := FormatHugoDate(got); s != tt.want {
			t.Errorf("ParseDate(%#v) = %s, want %s", tt.in, s, tt.want)
		}
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, in := range []any{"yesterday", "2025-13-45", "31/12/2025", true, []any{"2025-01-01"}, 1e300} {
		if _, err := ParseDate(in, time.UTC); err == nil {
			t.Errorf("ParseDate(%#v) accepted", in)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-02-09", "2025-02-09 20:41:00", "2021-04-10T23:50:05+08:00", "", "02 Jan 2006",
		"Mon Jan  2 15:04:05 MST 2006", "9999-99-99", "2006-01-02T15:04:05.999999999-07:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s, time.UTC)
		if err == nil && !d.IsZero() {
			_ = FormatHugoDate(d)
		}
	})
}

func TestUrlize(t *testing.T) {
	for in, want := range map[string]string{
		"Foreign Policy":     "foreign-policy",
		"U.S. News":          "u.s.-news",
		"Trump's":            "trumps",
		"cin & cout is slow": "cin-cout-is-slow",
		"C++ Smart Pointers": "c++-smart-pointers",
		"Научно-фантастический рассказ": "научно-фантастический-рассказ",
		"  spaced  ": "spaced",
		"":           "",
	} {
		if got := Urlize(in); got != want {
			t.Errorf("Urlize(%q) = %q, want %q", in, got, want)
		}
	}
}
