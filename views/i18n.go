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
		"posts": "posts", "error": "Something went wrong", "error_text": "Please try again in a moment.", "read_only": "The newsroom is read-only right now",
		"read_only_text": "Reading works as usual. Saving, posting and uploading will be back shortly: please try again in a few minutes.",
		"standby":        "This site is a read-only standby copy", "standby_text": "Reading works as usual. Saving, posting and uploading happen on the main site, not on this copy.",
		"tagged": "Tagged", "author": "Author", "footer_menu": "Footer", "years": "Years", "months": "Months",
		// Counts take these through Tn: key_one, key_other here, and key_few, key_many in the
		// languages whose plural rules have those forms ("1 comment", "3 comments").
		"comment_one": "comment", "comment_other": "comments",
		// The comments section and form, the short pages a reader's post may bring, and search.
		// {name}-style placeholders are filled by Tf; counts come from Tn (key_one, key_other…).
		"widget_warning":    "Please activate at least one sidebar widget.",
		"authorbox_warning": "Authorbox is activated, but author parameters are not specified.",
		"no_comments":       "No comments yet", "comments_feed": "Comments feed", "comment_editor": "Editor",
		"comment_held": "Awaiting moderation", "comment_reply": "Reply", "comment_edit": "Edit", "comment_delete": "Delete",
		"comment_form_edit": "Edit your comment", "comment_form_reply": "Reply to {name}", "comment_form_new": "Leave a comment",
		"comment_name": "Name", "comment_email": "Email (optional, never shown)",
		"comment_email_remembered": "We remember the email you gave last time; leave this empty to keep it.",
		"comment_website":          "Website (optional)", "comment_trap": "Leave this empty", "comment_body": "Comment",
		"comment_body_hint": "Plain text; links starting with http:// or https:// become clickable.",
		"comment_save":      "Save", "comment_submit": "Post comment",
		"comment_kept": "Your text, so that you can keep a copy:", "comment_kept_label": "Your text",
		"comment_write": "Write a comment", "comment_yours": "Your comment", "home": "Home",
		"discussion_off":          "Comments are off for this article.",
		"discussion_hidden":       "The discussion of this article is not open.",
		"discussion_site_closed":  "Comments are closed on this site for now.",
		"discussion_closed":       "The discussion of this article is closed.",
		"discussion_closed_after": "The discussion of this article closed {days} after publication.",
		"discussion_refused":      "{notice} Nothing was posted.",
		"day_one":                 "day", "day_other": "days", "minute_one": "minute", "minute_other": "minutes",
		"character_one": "character", "character_other": "characters",
		"err_name_empty": "Enter your name.", "err_name_long": "Keep your name under {max}.",
		"err_email":      "Enter an email address such as name@example.com, or leave it empty.",
		"err_website":    "Enter an address starting with http:// or https://, or leave it empty.",
		"err_body_empty": "Write something first.", "err_body_long": "Keep your comment under {max} (it has {n}).",
		"err_parent_gone":      "The comment you replied to is not there any more; your text is kept below.",
		"post_bad_token":       "This form is missing its security token, or the token is not valid here, so nothing was posted. Your text is below: send it again.",
		"post_token_old":       "This form was open for too long, so nothing was posted. Your text is below: send it again.",
		"post_token_used":      "This form was already used to post a comment, so nothing was posted again. To post another, send the form below.",
		"post_fix_fields":      "Nothing was posted yet: correct the fields marked below.",
		"msg_cross_site_title": "Not accepted", "msg_cross_site": "This form was sent from another site, so nothing was posted.",
		"msg_no_article_title": "No such article", "msg_no_article": "There is no article to comment on at this address, so nothing was posted.",
		"msg_slow_down_title": "Slow down", "msg_slow_down": "Too many comments are arriving from your address or on this article right now, so nothing was posted. Your text is still in the form: go back and send it again in {wait}.",
		"msg_too_long_title": "Too long", "msg_too_long": "What you sent is far longer than a comment may be ({max}), so nothing was posted.",
		"msg_bad_form_title": "Bad form", "msg_bad_form": "The form could not be read, so nothing was posted. Reload the page and try again.",
		"msg_no_comment_title": "No such comment", "msg_no_comment": "There is no comment at this address.",
		"msg_not_yours_title": "Not yours to change", "msg_not_yours": "Only the person who wrote a comment can change it, from the browser they wrote it in.",
		"msg_too_late_title": "Too late to change", "msg_too_late": "A comment can be edited or deleted for {minutes} after it was posted; this one can no longer be changed.",
		"msg_form_expired_title": "Form expired", "msg_form_expired": "This form is missing its security token or the token is out of date, so nothing was changed. Go back, reload the page and try again.",
		"search_filters": "Filters", "search_tag": "Tag", "search_category": "Category", "search_from": "From", "search_to": "To",
		"search_language": "Language", "search_all": "All",
		"search_empty": "Nothing found for “{query}”. Try fewer or other words.", "found_one": "found", "found_other": "found",
		"search_no_language": "There is no language “{lang}” here, so every language was searched.",
		"search_bad_from":    "“{date}” is not a date like 2026-11-27, so the search starts at the beginning.",
		"search_bad_to":      "“{date}” is not a date like 2026-11-27, so the search runs to today.",
		"search_too_many":    "Too many searches from your address: please wait a few seconds and try again.",
		"search_busy":        "Search is busy right now: please try again in a few seconds.",
		"search_found_more":  "More than {count} found", "search_sections": "Sections",
		// The newsroom front page, bylines and corrections (issue 17).
		"featured": "Featured", "updated": "Updated", "latest": "Latest", "breaking": "Breaking", "top_stories": "Top stories", "by": "By", "and": "and", "authors": "Authors", "notes_title": "Corrections and updates", "note_correction": "Correction", "note_update": "Update",
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
		"posts": "публ.", "error": "Что-то пошло не так", "error_text": "Попробуйте ещё раз чуть позже.", "read_only": "Редакция сейчас работает только на чтение",
		"read_only_text": "Читать можно как обычно. Сохранение, публикация и загрузка скоро вернутся: попробуйте через несколько минут.",
		"standby":        "Этот сайт — резервная копия только для чтения", "standby_text": "Читать можно как обычно. Сохранение, публикация и загрузка работают на основном сайте, а не на этой копии.",
		"tagged": "Тег", "author": "Автор", "footer_menu": "Нижнее меню", "years": "Годы", "months": "Месяцы",
		"comment_one": "комментарий", "comment_few": "комментария", "comment_many": "комментариев", "comment_other": "комментария",
		"widget_warning":    "Включите хотя бы один виджет боковой панели.",
		"authorbox_warning": "Блок об авторе включён, но данные автора не указаны.",
		"no_comments":       "Комментариев пока нет", "comments_feed": "Лента комментариев", "comment_editor": "Редакция",
		"comment_held": "Ожидает модерации", "comment_reply": "Ответить", "comment_edit": "Изменить", "comment_delete": "Удалить",
		"comment_form_edit": "Редактирование комментария", "comment_form_reply": "Ответ пользователю {name}", "comment_form_new": "Оставить комментарий",
		"comment_name": "Имя", "comment_email": "Эл. почта (необязательно, не публикуется)",
		"comment_email_remembered": "Мы помним адрес, указанный в прошлый раз; оставьте поле пустым, чтобы его сохранить.",
		"comment_website":          "Сайт (необязательно)", "comment_trap": "Оставьте это поле пустым", "comment_body": "Комментарий",
		"comment_body_hint": "Обычный текст; ссылки, начинающиеся с http:// или https://, станут активными.",
		"comment_save":      "Сохранить", "comment_submit": "Отправить",
		"comment_kept": "Ваш текст — сохраните его копию:", "comment_kept_label": "Ваш текст",
		"comment_write": "Написать комментарий", "comment_yours": "Ваш комментарий", "home": "Главная",
		"discussion_off":          "Комментарии к этой статье отключены.",
		"discussion_hidden":       "Обсуждение этой статьи недоступно.",
		"discussion_site_closed":  "Комментарии на сайте временно закрыты.",
		"discussion_closed":       "Обсуждение этой статьи закрыто.",
		"discussion_closed_after": "Обсуждение этой статьи закрылось через {days} после публикации.",
		"discussion_refused":      "{notice} Ничего не опубликовано.",
		"day_one":                 "день", "day_few": "дня", "day_many": "дней", "day_other": "дня",
		"minute_one": "минута", "minute_few": "минуты", "minute_many": "минут", "minute_other": "минуты",
		"character_one": "символ", "character_few": "символа", "character_many": "символов", "character_other": "символа",
		"err_name_empty": "Укажите имя.", "err_name_long": "Имя слишком длинное — максимум {max}.",
		"err_email":      "Укажите адрес эл. почты вида name@example.com или оставьте поле пустым.",
		"err_website":    "Укажите адрес, начинающийся с http:// или https://, или оставьте поле пустым.",
		"err_body_empty": "Сначала напишите что-нибудь.", "err_body_long": "Комментарий слишком длинный — максимум {max} (сейчас {n}).",
		"err_parent_gone":      "Комментария, на который вы отвечали, больше нет; ваш текст сохранён ниже.",
		"post_bad_token":       "В форме нет ключа безопасности или он здесь недействителен, поэтому ничего не опубликовано. Ваш текст ниже: отправьте его ещё раз.",
		"post_token_old":       "Форма была открыта слишком долго, поэтому ничего не опубликовано. Ваш текст ниже: отправьте его ещё раз.",
		"post_token_used":      "Эта форма уже использовалась для отправки комментария, поэтому повторно ничего не опубликовано. Чтобы написать ещё один, отправьте форму ниже.",
		"post_fix_fields":      "Комментарий пока не опубликован: исправьте отмеченные поля.",
		"msg_cross_site_title": "Не принято", "msg_cross_site": "Форма отправлена с другого сайта, поэтому ничего не опубликовано.",
		"msg_no_article_title": "Статья не найдена", "msg_no_article": "По этому адресу нет статьи, которую можно комментировать, поэтому ничего не опубликовано.",
		"msg_slow_down_title": "Не так быстро", "msg_slow_down": "Сейчас с вашего адреса или к этой статье приходит слишком много комментариев, поэтому ничего не опубликовано. Ваш текст остался в форме: вернитесь назад и отправьте его снова. Подождать: {wait}.",
		"msg_too_long_title": "Слишком длинно", "msg_too_long": "Отправленный текст намного длиннее допустимого ({max}), поэтому ничего не опубликовано.",
		"msg_bad_form_title": "Ошибка формы", "msg_bad_form": "Не удалось прочитать форму, поэтому ничего не опубликовано. Обновите страницу и попробуйте ещё раз.",
		"msg_no_comment_title": "Комментарий не найден", "msg_no_comment": "По этому адресу нет комментария.",
		"msg_not_yours_title": "Это не ваш комментарий", "msg_not_yours": "Изменить комментарий может только его автор — в том же браузере, из которого он был отправлен.",
		"msg_too_late_title": "Время на правку истекло", "msg_too_late": "Срок на правку и удаление комментария — {minutes} после публикации; этот комментарий изменить уже нельзя.",
		"msg_form_expired_title": "Форма устарела", "msg_form_expired": "В форме нет ключа безопасности или он устарел, поэтому ничего не изменено. Вернитесь назад, обновите страницу и попробуйте ещё раз.",
		"search_filters": "Фильтры", "search_tag": "Тег", "search_category": "Категория", "search_from": "С", "search_to": "По",
		"search_language": "Язык", "search_all": "Все",
		"search_empty": "По запросу «{query}» ничего не найдено. Попробуйте сократить запрос или изменить слова.",
		"found_one":    "результат", "found_few": "результата", "found_many": "результатов", "found_other": "результата",
		"search_no_language": "Языка «{lang}» здесь нет, поэтому поиск выполнен по всем языкам.",
		"search_bad_from":    "«{date}» — не дата вида 2026-11-27, поэтому поиск ведётся с самого начала.",
		"search_bad_to":      "«{date}» — не дата вида 2026-11-27, поэтому поиск ведётся до сегодняшнего дня.",
		"search_too_many":    "Слишком много поисковых запросов с вашего адреса: подождите несколько секунд и попробуйте снова.",
		"search_busy":        "Поиск сейчас перегружен: попробуйте снова через несколько секунд.",
		"search_found_more":  "Найдено больше {count}", "search_sections": "Разделы",
		// The newsroom front page, bylines and corrections (issue 17).
		"featured": "Выбор редакции", "updated": "Обновлено", "latest": "Последнее", "breaking": "Срочно", "top_stories": "Главное", "by": "Автор:", "and": "и", "authors": "Авторы", "notes_title": "Исправления и дополнения", "note_correction": "Исправление", "note_update": "Дополнение",
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
		"posts": "artículos", "error": "Algo salió mal", "error_text": "Inténtelo de nuevo en un momento.", "read_only": "La redacción está en modo de solo lectura",
		"read_only_text": "La lectura funciona como siempre. Guardar, publicar y subir archivos volverá en breve: inténtelo de nuevo en unos minutos.",
		"standby":        "Este sitio es una copia de reserva de solo lectura", "standby_text": "La lectura funciona como siempre. Guardar, publicar y subir archivos se hace en el sitio principal, no en esta copia.",
		"tagged": "Etiqueta", "author": "Autor", "footer_menu": "Pie de página", "years": "Años", "months": "Meses",
		"comment_one": "comentario", "comment_other": "comentarios",
		"widget_warning":    "Active al menos un widget de la barra lateral.",
		"authorbox_warning": "El recuadro de autor está activado, pero no se han indicado los datos del autor.",
		"no_comments":       "Aún no hay comentarios", "comments_feed": "Feed de comentarios", "comment_editor": "Redacción",
		"comment_held": "Pendiente de moderación", "comment_reply": "Responder", "comment_edit": "Editar", "comment_delete": "Eliminar",
		"comment_form_edit": "Edite su comentario", "comment_form_reply": "Responder a {name}", "comment_form_new": "Deje un comentario",
		"comment_name": "Nombre", "comment_email": "Correo electrónico (opcional, nunca se muestra)",
		"comment_email_remembered": "Recordamos el correo que indicó la última vez; deje este campo vacío para conservarlo.",
		"comment_website":          "Sitio web (opcional)", "comment_trap": "Deje este campo vacío", "comment_body": "Comentario",
		"comment_body_hint": "Texto sin formato; los enlaces que empiezan por http:// o https:// se podrán pulsar.",
		"comment_save":      "Guardar", "comment_submit": "Publicar comentario",
		"comment_kept": "Su texto, para que pueda guardar una copia:", "comment_kept_label": "Su texto",
		"comment_write": "Escribir un comentario", "comment_yours": "Su comentario", "home": "Inicio",
		"discussion_off":          "Los comentarios están desactivados en este artículo.",
		"discussion_hidden":       "El debate de este artículo no está abierto.",
		"discussion_site_closed":  "Los comentarios están cerrados en este sitio por ahora.",
		"discussion_closed":       "El debate de este artículo está cerrado.",
		"discussion_closed_after": "El debate de este artículo se cerró {days} después de su publicación.",
		"discussion_refused":      "{notice} No se ha publicado nada.",
		"day_one":                 "día", "day_other": "días", "minute_one": "minuto", "minute_other": "minutos",
		"character_one": "carácter", "character_other": "caracteres",
		"err_name_empty": "Escriba su nombre.", "err_name_long": "El nombre debe tener menos de {max}.",
		"err_email":      "Escriba una dirección de correo como name@example.com o deje el campo vacío.",
		"err_website":    "Escriba una dirección que empiece por http:// o https://, o deje el campo vacío.",
		"err_body_empty": "Escriba algo primero.", "err_body_long": "El comentario debe tener menos de {max} (tiene {n}).",
		"err_parent_gone":      "El comentario al que respondía ya no está; su texto se conserva abajo.",
		"post_bad_token":       "A este formulario le falta el código de seguridad o no es válido aquí, así que no se ha publicado nada. Su texto está abajo: envíelo de nuevo.",
		"post_token_old":       "Este formulario estuvo abierto demasiado tiempo, así que no se ha publicado nada. Su texto está abajo: envíelo de nuevo.",
		"post_token_used":      "Este formulario ya se usó para publicar un comentario, así que no se ha vuelto a publicar nada. Para publicar otro, envíe el formulario de abajo.",
		"post_fix_fields":      "Aún no se ha publicado nada: corrija los campos marcados abajo.",
		"msg_cross_site_title": "No aceptado", "msg_cross_site": "Este formulario se envió desde otro sitio, así que no se ha publicado nada.",
		"msg_no_article_title": "Artículo no encontrado", "msg_no_article": "En esta dirección no hay ningún artículo que comentar, así que no se ha publicado nada.",
		"msg_slow_down_title": "Más despacio", "msg_slow_down": "Ahora mismo llegan demasiados comentarios desde su dirección o a este artículo, así que no se ha publicado nada. Su texto sigue en el formulario: vuelva atrás y envíelo de nuevo dentro de {wait}.",
		"msg_too_long_title": "Demasiado largo", "msg_too_long": "Lo que envió es mucho más largo de lo que puede ser un comentario ({max}), así que no se ha publicado nada.",
		"msg_bad_form_title": "Formulario no válido", "msg_bad_form": "No se pudo leer el formulario, así que no se ha publicado nada. Recargue la página e inténtelo de nuevo.",
		"msg_no_comment_title": "Comentario no encontrado", "msg_no_comment": "No hay ningún comentario en esta dirección.",
		"msg_not_yours_title": "No es su comentario", "msg_not_yours": "Solo quien escribió un comentario puede cambiarlo, y desde el navegador en el que lo escribió.",
		"msg_too_late_title": "Ya no se puede cambiar", "msg_too_late": "Un comentario se puede editar o eliminar durante {minutes} después de publicarlo; este ya no se puede cambiar.",
		"msg_form_expired_title": "Formulario caducado", "msg_form_expired": "A este formulario le falta el código de seguridad o ha caducado, así que no se ha cambiado nada. Vuelva atrás, recargue la página e inténtelo de nuevo.",
		"search_filters": "Filtros", "search_tag": "Etiqueta", "search_category": "Categoría", "search_from": "Desde", "search_to": "Hasta",
		"search_language": "Idioma", "search_all": "Todos",
		"search_empty": "No se encontró nada para «{query}». Pruebe con menos palabras o con otras.",
		"found_one":    "resultado", "found_other": "resultados",
		"search_no_language": "Aquí no hay ningún idioma «{lang}», así que se ha buscado en todos.",
		"search_bad_from":    "«{date}» no es una fecha como 2026-11-27, así que la búsqueda empieza desde el principio.",
		"search_bad_to":      "«{date}» no es una fecha como 2026-11-27, así que la búsqueda llega hasta hoy.",
		"search_too_many":    "Demasiadas búsquedas desde su dirección: espere unos segundos e inténtelo de nuevo.",
		"search_busy":        "La búsqueda está saturada en este momento: inténtelo de nuevo en unos segundos.",
		"search_found_more":  "Más de {count} resultados", "search_sections": "Secciones",
		// The newsroom front page, bylines and corrections (issue 17).
		"featured": "Destacado", "updated": "Actualizado", "latest": "Lo último", "breaking": "Última hora", "top_stories": "Portada", "by": "Por", "and": "y", "authors": "Autores", "notes_title": "Correcciones y actualizaciones", "note_correction": "Corrección", "note_update": "Actualización",
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
		"posts": "artigos", "error": "Algo correu mal", "error_text": "Tente novamente dentro de momentos.", "read_only": "A redação está só de leitura neste momento",
		"read_only_text": "A leitura funciona normalmente. Guardar, publicar e carregar ficheiros voltará em breve: tente novamente dentro de minutos.",
		"standby":        "Este site é uma cópia de reserva só de leitura", "standby_text": "A leitura funciona normalmente. Guardar, publicar e carregar ficheiros faz-se no site principal, não nesta cópia.",
		"tagged": "Etiqueta", "author": "Autor", "footer_menu": "Rodapé", "years": "Anos", "months": "Meses",
		"comment_one": "comentário", "comment_other": "comentários",
		"widget_warning":    "Ative pelo menos um widget da barra lateral.",
		"authorbox_warning": "A caixa de autor está ativada, mas os dados do autor não foram definidos.",
		"no_comments":       "Ainda sem comentários", "comments_feed": "Feed de comentários", "comment_editor": "Redação",
		"comment_held": "A aguardar moderação", "comment_reply": "Responder", "comment_edit": "Editar", "comment_delete": "Eliminar",
		"comment_form_edit": "Editar o seu comentário", "comment_form_reply": "Responder a {name}", "comment_form_new": "Deixe um comentário",
		"comment_name": "Nome", "comment_email": "Email (opcional, nunca é mostrado)",
		"comment_email_remembered": "Guardámos o email que indicou da última vez; deixe este campo vazio para o manter.",
		"comment_website":          "Site (opcional)", "comment_trap": "Deixe este campo vazio", "comment_body": "Comentário",
		"comment_body_hint": "Texto simples; as ligações que começam por http:// ou https:// ficam clicáveis.",
		"comment_save":      "Guardar", "comment_submit": "Publicar comentário",
		"comment_kept": "O seu texto, para que possa guardar uma cópia:", "comment_kept_label": "O seu texto",
		"comment_write": "Escrever um comentário", "comment_yours": "O seu comentário", "home": "Início",
		"discussion_off":          "Os comentários estão desativados neste artigo.",
		"discussion_hidden":       "A discussão deste artigo não está aberta.",
		"discussion_site_closed":  "Os comentários estão fechados neste site por agora.",
		"discussion_closed":       "A discussão deste artigo está fechada.",
		"discussion_closed_after": "A discussão deste artigo fechou {days} após a publicação.",
		"discussion_refused":      "{notice} Nada foi publicado.",
		"day_one":                 "dia", "day_other": "dias", "minute_one": "minuto", "minute_other": "minutos",
		"character_one": "carácter", "character_other": "caracteres",
		"err_name_empty": "Indique o seu nome.", "err_name_long": "O nome deve ter menos de {max}.",
		"err_email":      "Indique um endereço de email como name@example.com, ou deixe o campo vazio.",
		"err_website":    "Indique um endereço que comece por http:// ou https://, ou deixe o campo vazio.",
		"err_body_empty": "Escreva alguma coisa primeiro.", "err_body_long": "O comentário deve ter menos de {max} (tem {n}).",
		"err_parent_gone":      "O comentário a que respondeu já não existe; o seu texto está guardado abaixo.",
		"post_bad_token":       "Falta o código de segurança deste formulário, ou não é válido aqui, por isso nada foi publicado. O seu texto está abaixo: envie-o novamente.",
		"post_token_old":       "Este formulário esteve aberto demasiado tempo, por isso nada foi publicado. O seu texto está abaixo: envie-o novamente.",
		"post_token_used":      "Este formulário já foi usado para publicar um comentário, por isso nada foi publicado de novo. Para publicar outro, envie o formulário abaixo.",
		"post_fix_fields":      "Ainda nada foi publicado: corrija os campos assinalados abaixo.",
		"msg_cross_site_title": "Não aceite", "msg_cross_site": "Este formulário foi enviado a partir de outro site, por isso nada foi publicado.",
		"msg_no_article_title": "Artigo inexistente", "msg_no_article": "Não há nenhum artigo para comentar neste endereço, por isso nada foi publicado.",
		"msg_slow_down_title": "Mais devagar", "msg_slow_down": "Neste momento chegam demasiados comentários do seu endereço ou para este artigo, por isso nada foi publicado. O seu texto continua no formulário: volte atrás e envie-o novamente daqui a {wait}.",
		"msg_too_long_title": "Demasiado longo", "msg_too_long": "O que enviou é muito mais longo do que um comentário pode ser ({max}), por isso nada foi publicado.",
		"msg_bad_form_title": "Formulário inválido", "msg_bad_form": "Não foi possível ler o formulário, por isso nada foi publicado. Recarregue a página e tente novamente.",
		"msg_no_comment_title": "Comentário inexistente", "msg_no_comment": "Não há nenhum comentário neste endereço.",
		"msg_not_yours_title": "Este comentário não é seu", "msg_not_yours": "Só quem escreveu um comentário o pode alterar, e a partir do navegador em que o escreveu.",
		"msg_too_late_title": "Já não é possível alterar", "msg_too_late": "Um comentário pode ser editado ou eliminado durante {minutes} após a publicação; este já não pode ser alterado.",
		"msg_form_expired_title": "Formulário expirado", "msg_form_expired": "Falta o código de segurança deste formulário ou expirou, por isso nada foi alterado. Volte atrás, recarregue a página e tente novamente.",
		"search_filters": "Filtros", "search_tag": "Etiqueta", "search_category": "Categoria", "search_from": "De", "search_to": "Até",
		"search_language": "Idioma", "search_all": "Todos",
		"search_empty": "Nada encontrado para «{query}». Experimente menos palavras ou outras.",
		"found_one":    "resultado", "found_other": "resultados",
		"search_no_language": "Não existe o idioma «{lang}» aqui, por isso a pesquisa abrangeu todos os idiomas.",
		"search_bad_from":    "«{date}» não é uma data como 2026-11-27, por isso a pesquisa começa do início.",
		"search_bad_to":      "«{date}» não é uma data como 2026-11-27, por isso a pesquisa vai até hoje.",
		"search_too_many":    "Demasiadas pesquisas a partir do seu endereço: aguarde alguns segundos e tente novamente.",
		"search_busy":        "A pesquisa está sobrecarregada neste momento: tente novamente dentro de alguns segundos.",
		"search_found_more":  "Mais de {count} resultados", "search_sections": "Secções",
		// The newsroom front page, bylines and corrections (issue 17).
		"featured": "Destaque", "updated": "Atualizado", "latest": "Mais recentes", "breaking": "Última hora", "top_stories": "Destaques", "by": "Por", "and": "e", "authors": "Autores", "notes_title": "Correções e atualizações", "note_correction": "Correção", "note_update": "Atualização",
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
		"posts": "articles", "error": "Une erreur s'est produite", "error_text": "Veuillez réessayer dans un instant.", "read_only": "La rédaction est en lecture seule pour le moment",
		"read_only_text": "La lecture fonctionne normalement. L'enregistrement, la publication et l'envoi de fichiers reviennent bientôt : réessayez dans quelques minutes.",
		"standby":        "Ce site est une copie de secours en lecture seule", "standby_text": "La lecture fonctionne normalement. L'enregistrement, la publication et l'envoi de fichiers se font sur le site principal, pas sur cette copie.",
		"tagged": "Mot-clé", "author": "Auteur", "footer_menu": "Pied de page", "years": "Années", "months": "Mois",
		"comment_one": "commentaire", "comment_other": "commentaires",
		"widget_warning":    "Veuillez activer au moins un widget de la barre latérale.",
		"authorbox_warning": "L'encadré auteur est activé, mais les informations sur l'auteur ne sont pas renseignées.",
		"no_comments":       "Aucun commentaire pour l'instant", "comments_feed": "Flux des commentaires", "comment_editor": "Rédaction",
		"comment_held": "En attente de modération", "comment_reply": "Répondre", "comment_edit": "Modifier", "comment_delete": "Supprimer",
		"comment_form_edit": "Modifier votre commentaire", "comment_form_reply": "Répondre à {name}", "comment_form_new": "Laisser un commentaire",
		"comment_name": "Nom", "comment_email": "E-mail (facultatif, jamais affiché)",
		"comment_email_remembered": "Nous avons gardé l'e-mail indiqué la dernière fois ; laissez ce champ vide pour le conserver.",
		"comment_website":          "Site web (facultatif)", "comment_trap": "Laissez ce champ vide", "comment_body": "Commentaire",
		"comment_body_hint": "Texte brut ; les liens commençant par http:// ou https:// deviennent cliquables.",
		"comment_save":      "Enregistrer", "comment_submit": "Publier le commentaire",
		"comment_kept": "Votre texte, pour que vous puissiez en garder une copie :", "comment_kept_label": "Votre texte",
		"comment_write": "Écrire un commentaire", "comment_yours": "Votre commentaire", "home": "Accueil",
		"discussion_off":          "Les commentaires sont désactivés pour cet article.",
		"discussion_hidden":       "La discussion de cet article n'est pas ouverte.",
		"discussion_site_closed":  "Les commentaires sont fermés sur ce site pour le moment.",
		"discussion_closed":       "La discussion de cet article est close.",
		"discussion_closed_after": "La discussion de cet article a été close {days} après sa publication.",
		"discussion_refused":      "{notice} Rien n'a été publié.",
		"day_one":                 "jour", "day_other": "jours", "minute_one": "minute", "minute_other": "minutes",
		"character_one": "caractère", "character_other": "caractères",
		"err_name_empty": "Indiquez votre nom.", "err_name_long": "Votre nom doit faire moins de {max}.",
		"err_email":      "Indiquez une adresse e-mail comme name@example.com, ou laissez le champ vide.",
		"err_website":    "Indiquez une adresse commençant par http:// ou https://, ou laissez le champ vide.",
		"err_body_empty": "Écrivez d'abord quelque chose.", "err_body_long": "Votre commentaire doit faire moins de {max} (il en fait {n}).",
		"err_parent_gone":      "Le commentaire auquel vous répondiez n'existe plus ; votre texte est conservé ci-dessous.",
		"post_bad_token":       "Ce formulaire n'a pas de jeton de sécurité, ou ce jeton n'est pas valable ici : rien n'a été publié. Votre texte est ci-dessous, envoyez-le à nouveau.",
		"post_token_old":       "Ce formulaire est resté ouvert trop longtemps : rien n'a été publié. Votre texte est ci-dessous, envoyez-le à nouveau.",
		"post_token_used":      "Ce formulaire a déjà servi à publier un commentaire : rien n'a été publié une seconde fois. Pour en publier un autre, envoyez le formulaire ci-dessous.",
		"post_fix_fields":      "Rien n'a encore été publié : corrigez les champs signalés ci-dessous.",
		"msg_cross_site_title": "Refusé", "msg_cross_site": "Ce formulaire a été envoyé depuis un autre site : rien n'a été publié.",
		"msg_no_article_title": "Article introuvable", "msg_no_article": "Il n'y a pas d'article à commenter à cette adresse : rien n'a été publié.",
		"msg_slow_down_title": "Doucement", "msg_slow_down": "Trop de commentaires arrivent en ce moment de votre adresse ou sur cet article : rien n'a été publié. Votre texte est toujours dans le formulaire : revenez en arrière et renvoyez-le dans {wait}.",
		"msg_too_long_title": "Trop long", "msg_too_long": "Votre envoi est bien plus long qu'un commentaire ne peut l'être ({max}) : rien n'a été publié.",
		"msg_bad_form_title": "Formulaire illisible", "msg_bad_form": "Le formulaire n'a pas pu être lu : rien n'a été publié. Rechargez la page et réessayez.",
		"msg_no_comment_title": "Commentaire introuvable", "msg_no_comment": "Il n'y a pas de commentaire à cette adresse.",
		"msg_not_yours_title": "Ce commentaire n'est pas le vôtre", "msg_not_yours": "Seul l'auteur d'un commentaire peut le modifier, depuis le navigateur où il l'a écrit.",
		"msg_too_late_title": "Trop tard pour modifier", "msg_too_late": "Un commentaire peut être modifié ou supprimé pendant {minutes} après sa publication ; celui-ci ne peut plus l'être.",
		"msg_form_expired_title": "Formulaire expiré", "msg_form_expired": "Ce formulaire n'a pas de jeton de sécurité ou son jeton a expiré : rien n'a été modifié. Revenez en arrière, rechargez la page et réessayez.",
		"search_filters": "Filtres", "search_tag": "Mot-clé", "search_category": "Catégorie", "search_from": "Du", "search_to": "Au",
		"search_language": "Langue", "search_all": "Toutes",
		"search_empty": "Aucun résultat pour « {query} ». Essayez avec moins de mots ou d'autres mots.",
		"found_one":    "résultat", "found_other": "résultats",
		"search_no_language": "Il n'y a pas de langue « {lang} » ici : la recherche porte sur toutes les langues.",
		"search_bad_from":    "« {date} » n'est pas une date comme 2026-11-27 : la recherche part du début.",
		"search_bad_to":      "« {date} » n'est pas une date comme 2026-11-27 : la recherche va jusqu'à aujourd'hui.",
		"search_too_many":    "Trop de recherches depuis votre adresse : patientez quelques secondes et réessayez.",
		"search_busy":        "La recherche est saturée pour le moment : réessayez dans quelques secondes.",
		"search_found_more":  "Plus de {count} résultats", "search_sections": "Rubriques",
		// The newsroom front page, bylines and corrections (issue 17).
		"featured": "À la une", "updated": "Mis à jour", "latest": "Dernières nouvelles", "breaking": "Alerte", "top_stories": "À la une", "by": "Par", "and": "et", "authors": "Auteurs", "notes_title": "Corrections et mises à jour", "note_correction": "Correction", "note_update": "Mise à jour",
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
		"posts": "Beiträge", "error": "Etwas ist schiefgelaufen", "error_text": "Bitte versuchen Sie es gleich noch einmal.", "read_only": "Die Redaktion ist gerade schreibgeschützt",
		"read_only_text": "Lesen funktioniert wie gewohnt. Speichern, Posten und Hochladen sind bald wieder möglich: Bitte versuchen Sie es in ein paar Minuten erneut.",
		"standby":        "Diese Seite ist eine schreibgeschützte Bereitschaftskopie", "standby_text": "Lesen funktioniert wie gewohnt. Speichern, Posten und Hochladen geschehen auf der Hauptseite, nicht auf dieser Kopie.",
		"tagged": "Schlagwort", "author": "Autor", "footer_menu": "Fußzeile", "years": "Jahre", "months": "Monate",
		"comment_one": "Kommentar", "comment_other": "Kommentare",
		"widget_warning":    "Bitte aktivieren Sie mindestens ein Widget in der Seitenleiste.",
		"authorbox_warning": "Die Autorenbox ist aktiviert, aber es sind keine Angaben zum Autor hinterlegt.",
		"no_comments":       "Noch keine Kommentare", "comments_feed": "Kommentar-Feed", "comment_editor": "Redaktion",
		"comment_held": "Wartet auf Freigabe", "comment_reply": "Antworten", "comment_edit": "Bearbeiten", "comment_delete": "Löschen",
		"comment_form_edit": "Kommentar bearbeiten", "comment_form_reply": "Antwort an {name}", "comment_form_new": "Kommentar schreiben",
		"comment_name": "Name", "comment_email": "E-Mail (optional, wird nie angezeigt)",
		"comment_email_remembered": "Wir haben Ihre E-Mail-Adresse vom letzten Mal gespeichert; lassen Sie das Feld leer, um sie zu behalten.",
		"comment_website":          "Website (optional)", "comment_trap": "Dieses Feld leer lassen", "comment_body": "Kommentar",
		"comment_body_hint": "Nur Text; Links, die mit http:// oder https:// beginnen, werden anklickbar.",
		"comment_save":      "Speichern", "comment_submit": "Kommentar senden",
		"comment_kept": "Ihr Text, damit Sie eine Kopie behalten können:", "comment_kept_label": "Ihr Text",
		"comment_write": "Kommentar schreiben", "comment_yours": "Ihr Kommentar", "home": "Startseite",
		"discussion_off":          "Die Kommentare zu diesem Artikel sind abgeschaltet.",
		"discussion_hidden":       "Die Diskussion zu diesem Artikel ist nicht geöffnet.",
		"discussion_site_closed":  "Die Kommentare auf dieser Website sind derzeit geschlossen.",
		"discussion_closed":       "Die Diskussion zu diesem Artikel ist geschlossen.",
		"discussion_closed_after": "Die Diskussion zu diesem Artikel wurde {days} nach der Veröffentlichung geschlossen.",
		"discussion_refused":      "{notice} Es wurde nichts veröffentlicht.",
		"day_one":                 "Tag", "day_other": "Tage", "minute_one": "Minute", "minute_other": "Minuten",
		"character_one": "Zeichen", "character_other": "Zeichen",
		"err_name_empty": "Bitte geben Sie Ihren Namen ein.", "err_name_long": "Ihr Name darf höchstens {max} lang sein.",
		"err_email":      "Bitte geben Sie eine E-Mail-Adresse wie name@example.com ein oder lassen Sie das Feld leer.",
		"err_website":    "Bitte geben Sie eine Adresse ein, die mit http:// oder https:// beginnt, oder lassen Sie das Feld leer.",
		"err_body_empty": "Bitte schreiben Sie zuerst etwas.", "err_body_long": "Ihr Kommentar darf höchstens {max} lang sein (er hat {n}).",
		"err_parent_gone":      "Der Kommentar, auf den Sie antworten wollten, ist nicht mehr vorhanden; Ihr Text steht unten.",
		"post_bad_token":       "Diesem Formular fehlt das Sicherheitstoken oder es ist hier ungültig, daher wurde nichts veröffentlicht. Ihr Text steht unten: Senden Sie ihn erneut.",
		"post_token_old":       "Dieses Formular war zu lange geöffnet, daher wurde nichts veröffentlicht. Ihr Text steht unten: Senden Sie ihn erneut.",
		"post_token_used":      "Mit diesem Formular wurde bereits ein Kommentar gesendet, daher wurde nichts erneut veröffentlicht. Für einen weiteren Kommentar senden Sie das Formular unten.",
		"post_fix_fields":      "Noch wurde nichts veröffentlicht: Bitte korrigieren Sie die markierten Felder.",
		"msg_cross_site_title": "Nicht angenommen", "msg_cross_site": "Dieses Formular wurde von einer anderen Website gesendet, daher wurde nichts veröffentlicht.",
		"msg_no_article_title": "Artikel nicht gefunden", "msg_no_article": "Unter dieser Adresse gibt es keinen Artikel zum Kommentieren, daher wurde nichts veröffentlicht.",
		"msg_slow_down_title": "Etwas langsamer", "msg_slow_down": "Gerade kommen zu viele Kommentare von Ihrer Adresse oder zu diesem Artikel, daher wurde nichts veröffentlicht. Ihr Text steht noch im Formular: Gehen Sie zurück und senden Sie ihn in {wait} erneut.",
		"msg_too_long_title": "Zu lang", "msg_too_long": "Ihre Eingabe ist viel länger, als ein Kommentar sein darf ({max}), daher wurde nichts veröffentlicht.",
		"msg_bad_form_title": "Ungültiges Formular", "msg_bad_form": "Das Formular konnte nicht gelesen werden, daher wurde nichts veröffentlicht. Laden Sie die Seite neu und versuchen Sie es noch einmal.",
		"msg_no_comment_title": "Kommentar nicht gefunden", "msg_no_comment": "Unter dieser Adresse gibt es keinen Kommentar.",
		"msg_not_yours_title": "Nicht Ihr Kommentar", "msg_not_yours": "Nur wer einen Kommentar geschrieben hat, kann ihn ändern – und nur in dem Browser, in dem er geschrieben wurde.",
		"msg_too_late_title": "Änderung nicht mehr möglich", "msg_too_late": "Ein Kommentar kann bis {minutes} nach dem Absenden bearbeitet oder gelöscht werden; dieser lässt sich nicht mehr ändern.",
		"msg_form_expired_title": "Formular abgelaufen", "msg_form_expired": "Diesem Formular fehlt das Sicherheitstoken oder es ist abgelaufen, daher wurde nichts geändert. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es noch einmal.",
		"search_filters": "Filter", "search_tag": "Schlagwort", "search_category": "Kategorie", "search_from": "Von", "search_to": "Bis",
		"search_language": "Sprache", "search_all": "Alle",
		"search_empty": "Keine Treffer für „{query}“. Versuchen Sie es mit weniger oder anderen Wörtern.",
		"found_one":    "Treffer", "found_other": "Treffer",
		"search_no_language": "Die Sprache „{lang}“ gibt es hier nicht, daher wurden alle Sprachen durchsucht.",
		"search_bad_from":    "„{date}“ ist kein Datum wie 2026-11-27, daher beginnt die Suche am Anfang.",
		"search_bad_to":      "„{date}“ ist kein Datum wie 2026-11-27, daher reicht die Suche bis heute.",
		"search_too_many":    "Zu viele Suchanfragen von Ihrer Adresse: Bitte warten Sie einige Sekunden und versuchen Sie es dann erneut.",
		"search_busy":        "Die Suche ist gerade ausgelastet: Bitte versuchen Sie es in einigen Sekunden erneut.",
		"search_found_more":  "Mehr als {count} Treffer", "search_sections": "Rubriken",
		// The newsroom front page, bylines and corrections (issue 17).
		"featured": "Empfohlen", "updated": "Aktualisiert", "latest": "Neueste", "breaking": "Eilmeldung", "top_stories": "Topthemen", "by": "Von", "and": "und", "authors": "Autoren", "notes_title": "Korrekturen und Aktualisierungen", "note_correction": "Korrektur", "note_update": "Aktualisierung",
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
		"posts": "件", "error": "エラーが発生しました", "error_text": "しばらくしてからもう一度お試しください。", "read_only": "編集部は現在読み取り専用です",
		"read_only_text": "閲覧はいつも通りできます。保存・投稿・アップロードはまもなく再開します。数分後にもう一度お試しください。",
		"standby":        "このサイトは読み取り専用の待機コピーです", "standby_text": "閲覧はいつも通りできます。保存・投稿・アップロードはこのコピーではなくメインのサイトで行われます。",
		"tagged": "タグ", "author": "著者", "footer_menu": "フッター", "years": "年", "months": "月",
		"comment_other":     "件のコメント",
		"widget_warning":    "サイドバーのウィジェットを1つ以上有効にしてください。",
		"authorbox_warning": "著者ボックスが有効ですが、著者情報が設定されていません。",
		"no_comments":       "まだコメントはありません", "comments_feed": "コメントのフィード", "comment_editor": "編集部",
		"comment_held": "承認待ち", "comment_reply": "返信", "comment_edit": "編集", "comment_delete": "削除",
		"comment_form_edit": "コメントを編集", "comment_form_reply": "{name} さんへの返信", "comment_form_new": "コメントを書く",
		"comment_name": "名前", "comment_email": "メールアドレス（任意・公開されません）",
		"comment_email_remembered": "前回入力されたメールアドレスを保存しています。そのまま使う場合は空欄にしてください。",
		"comment_website":          "ウェブサイト（任意）", "comment_trap": "この欄は空欄のままにしてください", "comment_body": "コメント",
		"comment_body_hint": "テキストのみ。http:// または https:// で始まるリンクはクリックできます。",
		"comment_save":      "保存", "comment_submit": "コメントを投稿",
		"comment_kept": "入力した本文です。控えとしてコピーしてください：", "comment_kept_label": "入力した本文",
		"comment_write": "コメントを書く", "comment_yours": "あなたのコメント", "home": "ホーム",
		"discussion_off":          "この記事へのコメントは受け付けていません。",
		"discussion_hidden":       "この記事のコメント欄は公開されていません。",
		"discussion_site_closed":  "現在、このサイトではコメントを受け付けていません。",
		"discussion_closed":       "この記事のコメント受付は終了しました。",
		"discussion_closed_after": "この記事のコメント受付は、公開から {days}後に終了しました。",
		"discussion_refused":      "{notice}投稿されませんでした。",
		"day_other":               "日", "minute_other": "分", "character_other": "文字",
		"err_name_empty": "名前を入力してください。", "err_name_long": "名前は {max}以内で入力してください。",
		"err_email":      "name@example.com のような形式でメールアドレスを入力するか、空欄にしてください。",
		"err_website":    "http:// または https:// で始まるアドレスを入力するか、空欄にしてください。",
		"err_body_empty": "本文を入力してください。", "err_body_long": "コメントは {max}以内で入力してください（現在 {n} 文字）。",
		"err_parent_gone":      "返信先のコメントが見つかりません。入力した本文は下に残っています。",
		"post_bad_token":       "フォームのセキュリティトークンがないか無効なため、投稿されませんでした。下の本文をもう一度送信してください。",
		"post_token_old":       "フォームを開いてから時間が経ちすぎたため、投稿されませんでした。下の本文をもう一度送信してください。",
		"post_token_used":      "このフォームはすでにコメントの投稿に使われたため、再投稿されませんでした。別のコメントを投稿するには、下のフォームから送信してください。",
		"post_fix_fields":      "まだ投稿されていません。下の印の付いた項目を修正してください。",
		"msg_cross_site_title": "受け付けられません", "msg_cross_site": "このフォームは別のサイトから送信されたため、投稿されませんでした。",
		"msg_no_article_title": "記事が見つかりません", "msg_no_article": "このアドレスにはコメントできる記事がないため、投稿されませんでした。",
		"msg_slow_down_title": "投稿が速すぎます", "msg_slow_down": "現在、お使いのアドレスまたはこの記事へのコメントが多すぎるため、投稿されませんでした。本文はフォームに残っています。前のページに戻り、{wait}後にもう一度送信してください。",
		"msg_too_long_title": "長すぎます", "msg_too_long": "送信された内容がコメントの上限（{max}）を大きく超えているため、投稿されませんでした。",
		"msg_bad_form_title": "フォームエラー", "msg_bad_form": "フォームを読み取れなかったため、投稿されませんでした。ページを再読み込みして、もう一度お試しください。",
		"msg_no_comment_title": "コメントが見つかりません", "msg_no_comment": "このアドレスにコメントはありません。",
		"msg_not_yours_title": "変更できません", "msg_not_yours": "コメントを変更できるのは投稿した本人だけで、投稿に使ったブラウザからに限られます。",
		"msg_too_late_title": "変更期限を過ぎました", "msg_too_late": "コメントの編集・削除は投稿後 {minutes}以内に限られます。このコメントはもう変更できません。",
		"msg_form_expired_title": "フォームの有効期限切れ", "msg_form_expired": "フォームのセキュリティトークンがないか期限切れのため、変更されませんでした。前のページに戻り、再読み込みしてからもう一度お試しください。",
		"search_filters": "絞り込み", "search_tag": "タグ", "search_category": "カテゴリー", "search_from": "開始日", "search_to": "終了日",
		"search_language": "言語", "search_all": "すべて",
		"search_empty":       "「{query}」に一致する記事は見つかりませんでした。語句を減らすか、別の語句でお試しください。",
		"found_other":        "件見つかりました",
		"search_no_language": "「{lang}」という言語はないため、すべての言語を検索しました。",
		"search_bad_from":    "「{date}」は 2026-11-27 のような日付ではないため、最初から検索しました。",
		"search_bad_to":      "「{date}」は 2026-11-27 のような日付ではないため、今日までを検索しました。",
		"search_too_many":    "お使いのアドレスからの検索が多すぎます。数秒待ってからもう一度お試しください。",
		"search_busy":        "現在、検索が混み合っています。数秒後にもう一度お試しください。",
		"search_found_more":  "{count} 件以上見つかりました", "search_sections": "セクション",
		// The newsroom front page, bylines and corrections (issue 17).
		"featured": "注目", "updated": "更新", "latest": "最新", "breaking": "速報", "top_stories": "トップニュース", "by": "著者:", "and": "、", "authors": "著者", "notes_title": "訂正と更新", "note_correction": "訂正", "note_update": "更新",
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
		"posts": "篇", "error": "出错了", "error_text": "请稍后再试。", "read_only": "编辑部目前处于只读状态",
		"read_only_text": "阅读一切正常。保存、发布和上传很快就会恢复：请几分钟后再试。",
		"standby":        "本站是只读的备用副本", "standby_text": "阅读一切正常。保存、发布和上传在主站进行，而不是在此副本上。",
		"tagged": "标签", "author": "作者", "footer_menu": "页脚", "years": "年份", "months": "月份",
		"comment_other":     "条评论",
		"widget_warning":    "请至少启用一个侧边栏小工具。",
		"authorbox_warning": "已启用作者信息框，但未设置作者信息。",
		"no_comments":       "暂无评论", "comments_feed": "评论订阅", "comment_editor": "编辑",
		"comment_held": "等待审核", "comment_reply": "回复", "comment_edit": "编辑", "comment_delete": "删除",
		"comment_form_edit": "编辑评论", "comment_form_reply": "回复 {name}", "comment_form_new": "发表评论",
		"comment_name": "昵称", "comment_email": "电子邮箱（选填，不会公开）",
		"comment_email_remembered": "我们记得您上次填写的邮箱；如无需修改，请留空。",
		"comment_website":          "网站（选填）", "comment_trap": "请勿填写此栏", "comment_body": "评论",
		"comment_body_hint": "纯文本；以 http:// 或 https:// 开头的链接可直接点击。",
		"comment_save":      "保存", "comment_submit": "发表评论",
		"comment_kept": "以下是您的文字，请自行保存一份：", "comment_kept_label": "您的文字",
		"comment_write": "发表评论", "comment_yours": "您的评论", "home": "首页",
		"discussion_off":          "本文已关闭评论。",
		"discussion_hidden":       "本文的讨论未开放。",
		"discussion_site_closed":  "本站暂时关闭评论。",
		"discussion_closed":       "本文的讨论已关闭。",
		"discussion_closed_after": "本文的讨论已在发布 {days}后关闭。",
		"discussion_refused":      "{notice}未发表任何内容。",
		"day_other":               "天", "minute_other": "分钟", "character_other": "个字符",
		"err_name_empty": "请填写昵称。", "err_name_long": "昵称不能超过 {max}。",
		"err_email":      "请填写有效的邮箱地址（如 name@example.com），或留空。",
		"err_website":    "请填写以 http:// 或 https:// 开头的网址，或留空。",
		"err_body_empty": "请先写点内容。", "err_body_long": "评论不能超过 {max}（当前 {n} 个字符）。",
		"err_parent_gone":      "您回复的评论已不存在；您的文字保留在下方。",
		"post_bad_token":       "表单缺少安全令牌或令牌在此无效，因此未发表任何内容。您的文字在下方，请重新提交。",
		"post_token_old":       "表单打开时间过长，因此未发表任何内容。您的文字在下方，请重新提交。",
		"post_token_used":      "此表单已用于发表评论，因此没有重复发表。如需再发一条，请提交下方的表单。",
		"post_fix_fields":      "尚未发表：请修改下方标出的栏目。",
		"msg_cross_site_title": "未被接受", "msg_cross_site": "此表单来自其他网站，因此未发表任何内容。",
		"msg_no_article_title": "文章不存在", "msg_no_article": "此地址没有可评论的文章，因此未发表任何内容。",
		"msg_slow_down_title": "请慢一点", "msg_slow_down": "目前来自您地址或针对本文的评论过多，因此没有发表。您的文字仍在表单中：请返回，{wait}后再次提交。",
		"msg_too_long_title": "内容过长", "msg_too_long": "您提交的内容远超评论的长度上限（{max}），因此未发表任何内容。",
		"msg_bad_form_title": "表单错误", "msg_bad_form": "无法读取表单，因此未发表任何内容。请刷新页面后重试。",
		"msg_no_comment_title": "评论不存在", "msg_no_comment": "此地址没有评论。",
		"msg_not_yours_title": "无权修改", "msg_not_yours": "只有评论作者本人才能修改评论，且须使用发表时的浏览器。",
		"msg_too_late_title": "已过修改期限", "msg_too_late": "评论发表后 {minutes}内可以编辑或删除；这条评论已无法修改。",
		"msg_form_expired_title": "表单已过期", "msg_form_expired": "表单缺少安全令牌或令牌已过期，因此未做任何修改。请返回并刷新页面后重试。",
		"search_filters": "筛选", "search_tag": "标签", "search_category": "分类", "search_from": "起始日期", "search_to": "截止日期",
		"search_language": "语言", "search_all": "全部",
		"search_empty":       "没有找到与“{query}”相关的结果。请减少关键词或换个词试试。",
		"found_other":        "条结果",
		"search_no_language": "本站没有“{lang}”语言，因此已搜索所有语言。",
		"search_bad_from":    "“{date}”不是 2026-11-27 这样的日期，因此从最早的内容开始搜索。",
		"search_bad_to":      "“{date}”不是 2026-11-27 这样的日期，因此搜索截至今天。",
		"search_too_many":    "您的地址搜索次数过多，请等待几秒后重试。",
		"search_busy":        "搜索服务当前繁忙，请几秒后重试。",
		"search_found_more":  "找到超过 {count} 条结果", "search_sections": "栏目",
		// The newsroom front page, bylines and corrections (issue 17).
		"featured": "精选", "updated": "已更新", "latest": "最新", "breaking": "突发", "top_stories": "头条", "by": "作者：", "and": "、", "authors": "作者", "notes_title": "更正与更新", "note_correction": "更正", "note_update": "更新",
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

// Tf is T with its {placeholders} filled: Tf(lang, "comment_form_reply", "name", "Ann") replaces
// "{name}" with "Ann". Values are put in once, as they are, so a value holding "{name}" stays so.
func Tf(lang, key string, pairs ...string) string {
	oldnew := make([]string, 0, len(pairs))
	for i := 0; i+1 < len(pairs); i += 2 {
		oldnew = append(oldnew, "{"+pairs[i]+"}", pairs[i+1])
	}
	return strings.NewReplacer(oldnew...).Replace(T(lang, key))
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

// DefaultDateFormat is the date layout when the site names none: the day without a leading
// zero, as people write it ("November 5, 2026").
const DefaultDateFormat = "January 2, 2006"

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
