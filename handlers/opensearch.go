package handlers

import (
	"encoding/xml"
	"net/http"
	"unicode/utf8"
)

type openSearchDescription struct {
	XMLName       xml.Name        `xml:"http://a9.com/-/spec/opensearch/1.1/ OpenSearchDescription"`
	ShortName     string          `xml:"ShortName"`
	Description   string          `xml:"Description"`
	InputEncoding string          `xml:"InputEncoding"`
	URLs          []openSearchURL `xml:"Url"`
}

type openSearchURL struct {
	Type     string `xml:"type,attr"`
	Rel      string `xml:"rel,attr,omitempty"`
	Method   string `xml:"method,attr,omitempty"`
	Template string `xml:"template,attr"`
}

// handleOpenSearch serves /opensearch.xml, which lets a browser add the site's own search to
// its address bar.
func handleOpenSearch(s *site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st, err := s.model.Current(r.Context())
		if err != nil {
			s.serveError(w, r, err)
			return
		}
		title, root := st.Site("").Title, st.SiteRoot()
		short := title
		// The specification allows 16 characters.
		for utf8.RuneCountInString(short) > 16 {
			_, size := utf8.DecodeLastRuneInString(short)
			short = short[:len(short)-size]
		}
		doc := openSearchDescription{ShortName: short, Description: "Search " + title, InputEncoding: "UTF-8",
			URLs: []openSearchURL{
				{Type: "text/html", Method: "get", Template: root + "/search?q={searchTerms}"},
				{Type: "application/opensearchdescription+xml", Rel: "self", Template: root + "/opensearch.xml"},
			}}
		b, err := xml.MarshalIndent(doc, "", "  ")
		if err != nil {
			s.serveError(w, r, err)
			return
		}
		serveDocument(w, r, "application/opensearchdescription+xml", append([]byte(xml.Header), b...), st.Modified)
	})
}
