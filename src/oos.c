/* oos — "Out of service, please ask staff" in the default content's
 * languages, compiled in: this screen shows when there is no usable content
 * database to take strings from. tests/test_ui.c checks that every entry
 * still matches content/ui/<lang>.po (oos.title, oos.body). */
#include "oos.h"

const oos_text_t oos_texts[] = {
	{"en", "Out of service", "Please ask a staff member for help.", 0},
	{"es", "Fuera de servicio", "Por favor, pida ayuda a un empleado.", 0},
	{"zh-Hans", "暂停服务", "请向工作人员求助。", 0},
	{"zh-Hant", "暫停服務", "請向工作人員求助。", 0},
	{"vi", "Tạm ngưng hoạt động", "Xin nhờ nhân viên giúp đỡ.", 0},
	{"tl", "Sira muna", "Pakihingi ng tulong sa isang staff.", 0},
	{"ar", "خارج الخدمة", "يرجى طلب المساعدة من أحد الموظفين.", 1},
	{"ht", "Pa fonksyone", "Tanpri mande yon anplwaye pou ede w.", 0},
	{"ko", "사용할 수 없음", "직원에게 도움을 요청해 주세요.", 0},
	{"ru", "Не работает", "Пожалуйста, обратитесь за помощью к сотруднику.", 0},
	{"pt", "Fora de serviço", "Por favor, peça ajuda a um funcionário.", 0},
	{"fr", "Hors service", "Veuillez demander de l'aide à un membre du personnel.", 0},
	{"prs", "از کار افتاده", "لطفاً از یکی از کارمندان کمک بخواهید.", 1},
	{"hi", "सेवा बंद है", "कृपया किसी स्टाफ़ सदस्य से मदद माँगें।", 0},
	{"am", "ከአገልግሎት ውጭ", "እባክዎ ከሠራተኞቹ አንዱን እርዳታ ይጠይቁ።", 0},
};

const int oos_count = sizeof oos_texts / sizeof oos_texts[0];
