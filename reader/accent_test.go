package reader

import (
	"image/color"
	"regexp"
	"testing"
)

func TestAccentShadesReachAAContrast(t *testing.T) {
	t.Parallel()
	for _, c := range []string{"#ff6600", "#ffff00", "#fff", "#000000", "#0b7285", "orange", "rgb(255, 102, 0)", "hsl(24, 100%, 50%)", "#ff660080"} {
		css, ok := accentStylesheet(c)
		if !ok {
			t.Errorf("%s: not read as a colour", c)
			continue
		}
		shades := regexp.MustCompile(`--accent: (#[0-9a-f]{6})`).FindAllStringSubmatch(css, -1)
		if len(shades) != 2 {
			t.Fatalf("%s: want a light and a dark accent in %q", c, css)
		}
		light, _ := parseCSSColour(shades[0][1])
		dark, _ := parseCSSColour(shades[1][1])
		for _, bg := range lightBackgrounds {
			if r := contrastRatio(light, bg); r < 4.5 {
				t.Errorf("%s: light accent %s on %s is %.2f:1", c, hexColour(light), hexColour(bg), r)
			}
		}
		if r := contrastRatio(light, white); r < 4.5 {
			t.Errorf("%s: white on the light accent %s is %.2f:1", c, hexColour(light), r)
		}
		for _, bg := range darkBackgrounds {
			if r := contrastRatio(dark, bg); r < 4.5 {
				t.Errorf("%s: dark accent %s on %s is %.2f:1", c, hexColour(dark), hexColour(bg), r)
			}
		}
		if r := contrastRatio(dark, color.RGBA{0x11, 0x11, 0x11, 0xff}); r < 4.5 {
			t.Errorf("%s: #111 on the dark accent %s is %.2f:1", c, hexColour(dark), r)
		}
	}
	for _, bad := range []string{"", "#12", "nocolour", "rgb(1,2)", "url(x)"} {
		if _, ok := accentStylesheet(bad); ok {
			t.Errorf("%q read as a colour", bad)
		}
	}
}
