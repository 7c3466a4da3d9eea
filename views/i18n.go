package views

import (
	"strconv"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// uiStrings are the words of Gazette's reader pages per language: the languages of the sites
// Gazette imports. A missing language or key falls back to English.
var uiStrings = map[string]map[string]string{
	"en": {
		"skip": "Skip to content", "menu": "Menu", "search": "Search", "search_label": "Search this site",
		"recent": "Recent posts", "categories": "Categories", "tags": "Tags", "all_tags": "All tags",
		"all_categories": "All categories", "social": "Social", "languages": "Languages", "sidemenu": "Pages",
		"read_more": "Read more…", "prev": "Previous", "next": "Next", "toc": "Page content",
		"about": "About", "translations": "Translations", "last_modified": "Last modified",
		"related": "Related articles", "min_read": "min read", "not_found": "Page not found",
		"not_found_text": "The page you were looking for does not exist or was moved. Try the",
		"main_page":      "main page", "archive": "Archive", "page": "Page", "pages": "Pages", "first": "First",
		"last": "Last", "newer": "Newer", "older": "Older", "no_posts": "Nothing has been published here yet.",
		"posts": "posts", "error": "Something went wrong", "error_text": "Please try again in a moment.",
		"tagged": "Tagged", "author": "Author", "footer_menu": "Footer", "widget_warning": "Please activate at least one sidebar widget.",
		"authorbox_warning": "Authorbox is activated, but author parameters are not specified.", "years": "Years", "months": "Months",
		// Comment counts beside list items: no language here has plural rules yet, so they fall
		// back to these until one does ("1 comment", "3 comments").
		"comment_one": "comment", "comment_other": "comments",
	},
	"ru": {
		"skip": "Перейти к содержанию", "menu": "Меню", "search": "Поиск", "search_label": "Поиск по сайту",
		"recent": "Последние публикации", "categories": "Категории", "tags": "Теги", "all_tags": "Все теги",
		"all_categories": "Все категории", "social": "Соцсети", "languages": "Языки", "sidemenu": "Страницы",
		"read_more": "Читать далее…", "prev": "Назад", "next": "Вперёд", "toc": "Содержание",
		"about": "Об авторе:", "translations": "Переводы", "last_modified": "Изменено",
		"related": "Похожие статьи", "min_read": "мин чтения", "not_found": "Страница не найдена",
		"not_found_text": "Запрошенная страница не существует или была перемещена. Перейдите на",
		"main_page":      "главную страницу", "archive": "Архив", "page": "Страница", "pages": "Страницы", "first": "Первая",
		"last": "Последняя", "newer": "Новее", "older": "Старее", "no_posts": "Здесь пока ничего не опубликовано.",
		"posts": "публ.", "error": "Что-то пошло не так", "error_text": "Попробуйте ещё раз чуть позже.",
		"tagged": "Тег", "author": "Автор", "footer_menu": "Нижнее меню", "years": "Годы", "months": "Месяцы",
		"comment_one": "комментарий", "comment_few": "комментария", "comment_many": "комментариев", "comment_other": "комментария",
	},
	"es": {
		"skip": "Ir al contenido", "menu": "Menú", "search": "Buscar", "search_label": "Buscar en el sitio",
		"recent": "Publicaciones recientes", "categories": "Categorías", "tags": "Etiquetas", "all_tags": "Todas las etiquetas",
		"all_categories": "Todas las categorías", "social": "Redes", "languages": "Idiomas", "sidemenu": "Páginas",
		"read_more": "Leer más…", "prev": "Anterior", "next": "Siguiente", "toc": "Contenido",
		"about": "Acerca de", "translations": "Traducciones", "last_modified": "Última modificación",
		"related": "Artículos relacionados", "min_read": "min de lectura", "not_found": "Página no encontrada",
		"not_found_text": "La página que busca no existe o se ha movido. Vuelva a la",
		"main_page":      "página principal", "archive": "Archivo", "page": "Página", "pages": "Páginas", "first": "Primera",
		"last": "Última", "newer": "Más recientes", "older": "Anteriores", "no_posts": "Todavía no se ha publicado nada aquí.",
		"posts": "artículos", "error": "Algo salió mal", "error_text": "Inténtelo de nuevo en un momento.",
		"tagged": "Etiqueta", "author": "Autor", "footer_menu": "Pie de página", "years": "Años", "months": "Meses",
		"comment_one": "comentario", "comment_other": "comentarios",
	},
	"pt": {
		"skip": "Ir para o conteúdo", "menu": "Menu", "search": "Pesquisar", "search_label": "Pesquisar no site",
		"recent": "Publicações recentes", "categories": "Categorias", "tags": "Etiquetas", "all_tags": "Todas as etiquetas",
		"all_categories": "Todas as categorias", "social": "Redes sociais", "languages": "Idiomas", "sidemenu": "Páginas",
		"read_more": "Ler mais…", "prev": "Anterior", "next": "Seguinte", "toc": "Conteúdo",
		"about": "Sobre", "translations": "Traduções", "last_modified": "Última modificação",
		"related": "Artigos relacionados", "min_read": "min de leitura", "not_found": "Página não encontrada",
		"not_found_text": "A página que procura não existe ou foi movida. Volte à",
		"main_page":      "página principal", "archive": "Arquivo", "page": "Página", "pages": "Páginas", "first": "Primeira",
		"last": "Última", "newer": "Mais recentes", "older": "Mais antigas", "no_posts": "Ainda não foi publicado nada aqui.",
		"posts": "artigos", "error": "Algo correu mal", "error_text": "Tente novamente dentro de momentos.",
		"tagged": "Etiqueta", "author": "Autor", "footer_menu": "Rodapé", "years": "Anos", "months": "Meses",
		"comment_one": "comentário", "comment_other": "comentários",
	},
	"fr": {
		"skip": "Aller au contenu", "menu": "Menu", "search": "Rechercher", "search_label": "Rechercher sur le site",
		"recent": "Articles récents", "categories": "Catégories", "tags": "Mots-clés", "all_tags": "Tous les mots-clés",
		"all_categories": "Toutes les catégories", "social": "Réseaux", "languages": "Langues", "sidemenu": "Pages",
		"read_more": "Lire la suite…", "prev": "Précédent", "next": "Suivant", "toc": "Sommaire",
		"about": "À propos de", "translations": "Traductions", "last_modified": "Modifié le",
		"related": "Articles liés", "min_read": "min de lecture", "not_found": "Page introuvable",
		"not_found_text": "La page demandée n'existe pas ou a été déplacée. Retournez à la",
		"main_page":      "page d'accueil", "archive": "Archives", "page": "Page", "pages": "Pages", "first": "Première",
		"last": "Dernière", "newer": "Plus récents", "older": "Plus anciens", "no_posts": "Rien n'a encore été publié ici.",
		"posts": "articles", "error": "Une erreur s'est produite", "error_text": "Veuillez réessayer dans un instant.",
		"tagged": "Mot-clé", "author": "Auteur", "footer_menu": "Pied de page", "years": "Années", "months": "Mois",
		"comment_one": "commentaire", "comment_other": "commentaires",
	},
	"de": {
		"skip": "Zum Inhalt springen", "menu": "Menü", "search": "Suchen", "search_label": "Website durchsuchen",
		"recent": "Neueste Beiträge", "categories": "Kategorien", "tags": "Schlagwörter", "all_tags": "Alle Schlagwörter",
		"all_categories": "Alle Kategorien", "social": "Soziale Medien", "languages": "Sprachen", "sidemenu": "Seiten",
		"read_more": "Weiterlesen…", "prev": "Zurück", "next": "Weiter", "toc": "Inhalt",
		"about": "Über", "translations": "Übersetzungen", "last_modified": "Zuletzt geändert",
		"related": "Ähnliche Artikel", "min_read": "Min. Lesezeit", "not_found": "Seite nicht gefunden",
		"not_found_text": "Die gesuchte Seite existiert nicht oder wurde verschoben. Zurück zur",
		"main_page":      "Startseite", "archive": "Archiv", "page": "Seite", "pages": "Seiten", "first": "Erste",
		"last": "Letzte", "newer": "Neuer", "older": "Älter", "no_posts": "Hier wurde noch nichts veröffentlicht.",
		"posts": "Beiträge", "error": "Etwas ist schiefgelaufen", "error_text": "Bitte versuchen Sie es gleich noch einmal.",
		"tagged": "Schlagwort", "author": "Autor", "footer_menu": "Fußzeile", "years": "Jahre", "months": "Monate",
		"comment_one": "Kommentar", "comment_other": "Kommentare",
	},
	"ja": {
		"skip": "本文へ移動", "menu": "メニュー", "search": "検索", "search_label": "サイト内検索",
		"recent": "最近の投稿", "categories": "カテゴリー", "tags": "タグ", "all_tags": "すべてのタグ",
		"all_categories": "すべてのカテゴリー", "social": "ソーシャル", "languages": "言語", "sidemenu": "ページ",
		"read_more": "続きを読む…", "prev": "前へ", "next": "次へ", "toc": "目次",
		"about": "著者について:", "translations": "翻訳", "last_modified": "最終更新",
		"related": "関連記事", "min_read": "分で読めます", "not_found": "ページが見つかりません",
		"not_found_text": "お探しのページは存在しないか、移動しました。",
		"main_page":      "トップページへ", "archive": "アーカイブ", "page": "ページ", "pages": "ページ", "first": "最初",
		"last": "最後", "newer": "新しい記事", "older": "古い記事", "no_posts": "まだ何も公開されていません。",
		"posts": "件", "error": "エラーが発生しました", "error_text": "しばらくしてからもう一度お試しください。",
		"tagged": "タグ", "author": "著者", "footer_menu": "フッター", "years": "年", "months": "月",
		"comment_other": "件のコメント",
	},
	"zh": {
		"skip": "跳到正文", "menu": "菜单", "search": "搜索", "search_label": "站内搜索",
		"recent": "最新文章", "categories": "分类", "tags": "标签", "all_tags": "全部标签",
		"all_categories": "全部分类", "social": "社交", "languages": "语言", "sidemenu": "页面",
		"read_more": "阅读全文…", "prev": "上一篇", "next": "下一篇", "toc": "目录",
		"about": "关于", "translations": "翻译", "last_modified": "最后修改",
		"related": "相关文章", "min_read": "分钟阅读", "not_found": "页面未找到",
		"not_found_text": "您要找的页面不存在或已移动。返回",
		"main_page":      "首页", "archive": "归档", "page": "页", "pages": "分页", "first": "首页",
		"last": "末页", "newer": "较新", "older": "较旧", "no_posts": "这里还没有发布任何内容。",
		"posts": "篇", "error": "出错了", "error_text": "请稍后再试。",
		"tagged": "标签", "author": "作者", "footer_menu": "页脚", "years": "年份", "months": "月份",
		"comment_other": "条评论",
	},
}

// baseLang reduces a language code to the one uiStrings knows ("pt-br" → "pt", "zh-cn" → "zh").
func baseLang(lang string) string {
	lang = strings.ToLower(lang)
	if i := strings.IndexAny(lang, "-_"); i > 0 {
		lang = lang[:i]
	}
	return lang
}

// T returns a reader-page string in a language, English when it has none.
func T(lang, key string) string {
	if s, ok := uiStrings[baseLang(lang)][key]; ok {
		return s
	}
	if s, ok := uiStrings["en"][key]; ok {
		return s
	}
	return key
}

// Tn is a count with its word in the language's plural form (CLDR rules from x/text: Russian
// "1 комментарий, 3 комментария, 5 комментариев", French "0 commentaire"). The key's strings
// are key_one, key_few, key_many and key_other; a missing form falls back to key_other.
func Tn(lang, key string, n int) string {
	tag, err := language.Parse(baseLang(lang))
	if err != nil {
		tag = language.English
	}
	form := map[plural.Form]string{plural.One: "_one", plural.Few: "_few", plural.Many: "_many"}[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)]
	word, ok := uiStrings[baseLang(lang)][key+form]
	if !ok || form == "" {
		word = T(lang, key+"_other")
	}
	return strconv.Itoa(n) + " " + word
}

// monthNames holds, per language, the long then the short month names and weekday names that
// replace Go's English ones in formatted dates.
var monthNames = map[string][4][]string{
	"ru": {
		{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		{"янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"},
		{"воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота"},
		{"вс", "пн", "вт", "ср", "чт", "пт", "сб"},
	},
	"es": {
		{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		{"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"},
		{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"},
		{"dom", "lun", "mar", "mié", "jue", "vie", "sáb"},
	},
	"pt": {
		{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		{"jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"},
		{"domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"},
		{"dom", "seg", "ter", "qua", "qui", "sex", "sáb"},
	},
	"fr": {
		{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."},
		{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
		{"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."},
	},
	"de": {
		{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		{"Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."},
		{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"},
		{"So.", "Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa."},
	},
	"ja": {
		{"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"},
		{"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"},
		{"日曜日", "月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日"},
		{"日", "月", "火", "水", "木", "金", "土"},
	},
	"zh": {
		{"一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"},
		{"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"},
		{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"},
		{"周日", "周一", "周二", "周三", "周四", "周五", "周六"},
	},
}

// nominativeMonths are month names standing alone where a language declines them in dates.
var nominativeMonths = map[string][]string{
	"ru": {"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"},
}

// MonthName is a month's name standing alone (an archive heading), capitalised.
func MonthName(m time.Month, lang string) string {
	name := m.String()
	if names, ok := nominativeMonths[baseLang(lang)]; ok {
		name = names[m-1]
	} else if names, ok := monthNames[baseLang(lang)]; ok {
		name = names[0][m-1]
	}
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[size:]
}

// DefaultDateFormat is Mainroad's date layout.
const DefaultDateFormat = "January 02, 2006"

// FormatDate formats t with a Go layout (the site's params.dateformat) and the month and day
// names of lang, as Hugo ≥ 0.87 localises dates.
func FormatDate(t time.Time, layout, lang string) string {
	if layout == "" {
		layout = DefaultDateFormat
	}
	out := t.Format(layout)
	if r, ok := dateReplacers[baseLang(lang)]; ok {
		return r.Replace(out)
	}
	return out
}

// dateReplacers turn Go's English month and day names into each language's, built once.
var dateReplacers = func() map[string]*strings.Replacer {
	out := map[string]*strings.Replacer{}
	for lang, names := range monthNames {
		// Long names before short ones, so "January" is never read as "Jan" + "uary".
		var pairs []string
		for m := time.January; m <= time.December; m++ {
			pairs = append(pairs, m.String(), names[0][m-1])
		}
		for d := time.Sunday; d <= time.Saturday; d++ {
			pairs = append(pairs, d.String(), names[2][d])
		}
		for m := time.January; m <= time.December; m++ {
			pairs = append(pairs, m.String()[:3], names[1][m-1])
		}
		for d := time.Sunday; d <= time.Saturday; d++ {
			pairs = append(pairs, d.String()[:3], names[3][d])
		}
		out[lang] = strings.NewReplacer(pairs...)
	}
	return out
}()
