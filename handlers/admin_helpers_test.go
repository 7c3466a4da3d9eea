package handlers

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"gazette/data"
)

// deskClient is a browser stand-in: a cookie jar, no automatic redirects, and helpers that
// read a page's form token the way a person's browser would submit it.
type deskClient struct {
	t    *testing.T
	ts   *testServer
	http *http.Client
}

func newDeskClient(t *testing.T, ts *testServer) *deskClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	return &deskClient{t: t, ts: ts, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// page GETs a path and parses it.
func (c *deskClient) page(path string) (*http.Response, *goquery.Document) {
	c.t.Helper()
	resp, err := c.http.Get(c.ts.URL + path)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	d, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp, d
}

// token reads the form token from a page.
func (c *deskClient) token(path string) string {
	c.t.Helper()
	_, d := c.page(path)
	tok, ok := d.Find("input[name=csrf]").First().Attr("value")
	if !ok || tok == "" {
		c.t.Fatalf("%s has no form token", path)
	}
	return tok
}

// post sends a url-encoded form with a same-origin Origin header, as a browser does.
func (c *deskClient) post(path string, form url.Values) (*http.Response, *goquery.Document) {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.ts.URL)
	return c.do(req)
}

// postMultipart sends a form with one file.
func (c *deskClient) postMultipart(path string, form url.Values, field, filename string, file []byte) (*http.Response, *goquery.Document) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if field != "" {
		fw, _ := mw.CreateFormFile(field, filename)
		fw.Write(file)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.ts.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", c.ts.URL)
	return c.do(req)
}

func (c *deskClient) do(req *http.Request) (*http.Response, *goquery.Document) {
	c.t.Helper()
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	d, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	return resp, d
}

// login logs in through the form and fails the test unless it worked.
func (c *deskClient) login(email, password string) {
	c.t.Helper()
	_, page := c.page("/admin/login")
	csrf := page.Find("input[name=csrf]").AttrOr("value", "")
	if csrf == "" {
		csrf = c.token("/admin/") // logged in already: the login page redirects, the session's token applies
	}
	resp, d := c.post("/admin/login", url.Values{"csrf": {csrf}, "email": {email}, "password": {password}})
	if resp.StatusCode != http.StatusSeeOther {
		c.t.Fatalf("login %s: status %d: %s", email, resp.StatusCode, d.Find("[data-testid=login-message]").Text())
	}
}

// cookie returns the named cookie the jar holds for the site.
func (c *deskClient) cookie(name string) *http.Cookie {
	u, _ := url.Parse(c.ts.URL + "/admin/")
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == name {
			return ck
		}
	}
	return nil
}

const testPassword = "correct horse battery"

// addEditor creates an account straight in the store.
func addEditor(t *testing.T, ts *testServer, email string, role data.Role) data.Editor {
	t.Helper()
	e, err := ts.store.CreateEditor(context.Background(), data.NewEditor{Email: email, Name: strings.Split(email, "@")[0], Role: role, Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// articleForm is a complete, valid article form.
func articleForm(csrf, title, body string) url.Values {
	return url.Values{"csrf": {csrf}, "title": {title}, "body": {body}, "lang": {"en"}, "section": {"news"},
		"comments": {"on"}, "pager": {"on"}, "thumb_list": {"on"}, "thumb_post": {"on"}, "version": {"0"}}
}

// readForm collects a form's fields as a browser submits them: inputs with their values,
// ticked boxes and radios, selected options, textareas; no file inputs, no buttons.
func readForm(form *goquery.Selection) url.Values {
	v := url.Values{}
	form.Find("input, textarea, select").Each(func(_ int, s *goquery.Selection) {
		name, ok := s.Attr("name")
		if !ok || name == "" {
			return
		}
		switch goquery.NodeName(s) {
		case "textarea":
			v.Add(name, s.Text())
		case "select":
			opt := s.Find("option[selected]")
			if opt.Length() == 0 {
				opt = s.Find("option").First()
			}
			v.Add(name, opt.AttrOr("value", opt.Text()))
		default:
			switch s.AttrOr("type", "text") {
			case "checkbox", "radio":
				if _, on := s.Attr("checked"); on {
					v.Add(name, s.AttrOr("value", "on"))
				}
			case "file", "submit", "button":
			default:
				v.Add(name, s.AttrOr("value", ""))
			}
		}
	})
	return v
}
