package data

import (
	"bytes"
	"crypto/subtle"
	"encoding/base64"
	"image/png"
	"net/url"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// An authenticator app's codes (RFC 6238 TOTP: six digits, SHA-1, 30-second steps), the
// second factor of a desk sign-in; the secret and the steps used are stored by two_factor.go.
const totpPeriod = 30

// totpOpts are the codes' parameters, as authenticator apps make them by default.
var totpOpts = totp.ValidateOpts{Period: totpPeriod, Skew: 0, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// TOTPCode is the code an authenticator app shows for secret at the instant at (tests sign in
// with it; the desk only checks codes, with TOTPStep).
func TOTPCode(secret string, at time.Time) (string, error) {
	return totp.GenerateCodeCustom(secret, at, totpOpts)
}

// TOTPStep finds the 30-second step (now, or one either side for a clock a little off) whose
// code is the one typed; ok is false when none is.
func TOTPStep(secret, code string, now time.Time) (step int64, ok bool) {
	code = strings.TrimSpace(code)
	if len(code) != 6 {
		return 0, false
	}
	for _, off := range []int64{0, -1, 1} {
		at := now.Add(time.Duration(off*totpPeriod) * time.Second)
		want, err := TOTPCode(secret, at)
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return at.Unix() / totpPeriod, true
		}
	}
	return 0, false
}

// NewTOTPKey makes a secret for an editor to scan, with its QR code as a data: URL (the CSP
// allows data: images; nothing leaves the server).
func NewTOTPKey(issuer, email string) (secret, qr string, err error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: email})
	if err != nil {
		return "", "", err
	}
	qr, err = totpQR(key)
	return key.Secret(), qr, err
}

// TOTPQRFor redraws the QR code of a secret (the setup form shown again after a wrong code).
func TOTPQRFor(issuer, email, secret string) (string, error) {
	u := url.URL{Scheme: "otpauth", Host: "totp", Path: "/" + issuer + ":" + email,
		RawQuery: url.Values{"secret": {secret}, "issuer": {issuer}}.Encode()}
	key, err := otp.NewKeyFromURL(u.String())
	if err != nil {
		return "", err
	}
	return totpQR(key)
}

func totpQR(key *otp.Key) (string, error) {
	img, err := key.Image(200, 200)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return "", err
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()), nil
}
