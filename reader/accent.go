package reader

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"golang.org/x/image/colornames"
)

// minTextContrast is WCAG 2's AA contrast for body text, with a little room for rounding in
// the browsers' and checkers' own arithmetic.
const minTextContrast = 4.6

// The backgrounds style.css puts accent-coloured text on (page, surface, soft, accent-soft),
// and the text colour it puts on accent-coloured buttons, in each scheme.
var (
	lightBackgrounds = []color.RGBA{{0xff, 0xff, 0xff, 0xff}, {0xf6, 0xf5, 0xf1, 0xff}, {0xef, 0xed, 0xe7, 0xff}, {0xfb, 0xe9, 0xdf, 0xff}}
	darkBackgrounds  = []color.RGBA{{0x11, 0x13, 0x15, 0xff}, {0x19, 0x1c, 0x1f, 0xff}, {0x20, 0x24, 0x27, 0xff}, {0x3a, 0x22, 0x18, 0xff}, {0x0a, 0x0b, 0x0c, 0xff}}
	black            = color.RGBA{0, 0, 0, 0xff}
	white            = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// accentStylesheet is the stylesheet of a site's highlight colour. Mainroad sites pick
// theirs for a white page and use it for links and buttons as given; an orange such as
// #ff6600 reads at 2.7:1 there. The colour keeps its hue and is darkened for the light scheme
// and lightened for the dark one until text in it (and text on it) reaches AA contrast on
// every background it is drawn on; the colour as given stays for borders, which carry no
// text. ok is false for a colour that cannot be parsed.
func accentStylesheet(value string) (css string, ok bool) {
	c, ok := parseCSSColour(value)
	if !ok {
		return "", false
	}
	light := shadeFor(c, black, lightBackgrounds)
	dark := shadeFor(c, white, darkBackgrounds)
	return fmt.Sprintf(":root { --accent: %s; --accent-fg: #fff; --accent-decor: %s; }\n"+
		"@media (prefers-color-scheme: dark) { :root { --accent: %s; --accent-fg: #111; } }\n",
		hexColour(light), hexColour(c), hexColour(dark)), true
}

// shadeFor mixes c towards toward in small steps until it contrasts enough with every
// background; black and white always do, so the loop ends.
func shadeFor(c, toward color.RGBA, backgrounds []color.RGBA) color.RGBA {
	for step := 0; step <= 100; step++ {
		s := mix(c, toward, float64(step)/100)
		if minContrast(s, backgrounds) >= minTextContrast {
			return s
		}
	}
	return toward
}

func minContrast(c color.RGBA, backgrounds []color.RGBA) float64 {
	least := math.Inf(1)
	for _, bg := range backgrounds {
		least = min(least, contrastRatio(c, bg))
	}
	return least
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	ch := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-t) + float64(y)*t)) }
	return color.RGBA{ch(a.R, b.R), ch(a.G, b.G), ch(a.B, b.B), 0xff}
}

// contrastRatio is WCAG 2's contrast ratio of two opaque colours.
func contrastRatio(a, b color.RGBA) float64 {
	la, lb := relativeLuminance(a), relativeLuminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func relativeLuminance(c color.RGBA) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

func hexColour(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// parseCSSColour reads the colour forms Hugo themes' highlightColor takes: #rgb, #rgba,
// #rrggbb, #rrggbbaa, a CSS colour name, rgb()/rgba() and hsl()/hsla(). Alpha is dropped: a
// link colour is drawn opaque.
func parseCSSColour(s string) (color.RGBA, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(s, "#") {
		return parseHexColour(s[1:])
	}
	if c, ok := colornames.Map[s]; ok {
		return color.RGBA{c.R, c.G, c.B, 0xff}, true
	}
	fn, args, ok := strings.Cut(s, "(")
	if !ok || !strings.HasSuffix(args, ")") {
		return color.RGBA{}, false
	}
	parts := strings.FieldsFunc(strings.TrimSuffix(args, ")"), func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
	if len(parts) < 3 {
		return color.RGBA{}, false
	}
	switch strings.TrimSuffix(fn, "a") {
	case "rgb":
		var v [3]uint8
		for i := range v {
			x, ok := cssNumber(parts[i], 255)
			if !ok {
				return color.RGBA{}, false
			}
			v[i] = uint8(math.Round(math.Max(0, math.Min(255, x))))
		}
		return color.RGBA{v[0], v[1], v[2], 0xff}, true
	case "hsl":
		h, ok1 := strconv.ParseFloat(strings.TrimSuffix(parts[0], "deg"), 64)
		sat, ok2 := cssNumber(parts[1], 1)
		l, ok3 := cssNumber(parts[2], 1)
		if ok1 != nil || !ok2 || !ok3 {
			return color.RGBA{}, false
		}
		return hslToRGB(h, sat, l), true
	}
	return color.RGBA{}, false
}

// cssNumber reads a number or a percentage of full.
func cssNumber(s string, full float64) (float64, bool) {
	if p, ok := strings.CutSuffix(s, "%"); ok {
		v, err := strconv.ParseFloat(p, 64)
		return v / 100 * full, err == nil
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

func parseHexColour(h string) (color.RGBA, bool) {
	if len(h) == 3 || len(h) == 4 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) == 8 {
		h = h[:6]
	}
	if len(h) != 6 {
		return color.RGBA{}, false
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return color.RGBA{}, false
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}, true
}

func hslToRGB(h, s, l float64) color.RGBA {
	h = math.Mod(math.Mod(h, 360)+360, 360) / 360
	s, l = math.Max(0, math.Min(1, s)), math.Max(0, math.Min(1, l))
	q := l + s - l*s
	if l < 0.5 {
		q = l * (1 + s)
	}
	p := 2*l - q
	hue := func(t float64) uint8 {
		t = math.Mod(t+1, 1)
		var v float64
		switch {
		case t < 1.0/6:
			v = p + (q-p)*6*t
		case t < 0.5:
			v = q
		case t < 2.0/3:
			v = p + (q-p)*(2.0/3-t)*6
		default:
			v = p
		}
		return uint8(math.Round(v * 255))
	}
	return color.RGBA{hue(h + 1.0/3), hue(h), hue(h - 1.0/3), 0xff}
}
