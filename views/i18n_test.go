package views

import "testing"

func TestTnPluralForms(t *testing.T) {
	for _, tt := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 comment"}, {"en", 0, "0 comments"}, {"en", 3, "3 comments"},
		{"ru", 1, "1 комментарий"}, {"ru", 3, "3 комментария"}, {"ru", 5, "5 комментариев"}, {"ru", 21, "21 комментарий"},
		{"fr", 0, "0 commentaire"}, {"fr", 2, "2 commentaires"}, {"es", 2, "2 comentarios"}, {"pt-br", 1, "1 comentário"},
		{"de", 4, "4 Kommentare"}, {"ja", 2, "2 件のコメント"}, {"zh-cn", 7, "7 条评论"}, {"xx", 2, "2 comments"},
	} {
		if got := Tn(tt.lang, "comment", tt.n); got != tt.want {
			t.Errorf("Tn(%q, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}
