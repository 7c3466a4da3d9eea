package views

import (
	"testing"
	"time"
)

// TestDefaultDateHasNoLeadingZero: "November 5, 2026", as people write it.
func TestDefaultDateHasNoLeadingZero(t *testing.T) {
	d := time.Date(2026, 11, 5, 10, 0, 0, 0, time.UTC)
	if got := FormatDate(d, "", "en"); got != "November 5, 2026" {
		t.Errorf("default date = %q", got)
	}
}
