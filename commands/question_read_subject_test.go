package commands

import "testing"

// Each subject, in the four languages, by the priority of subject.
func TestReadSubjects(t *testing.T) {
	checkReads(t, [][2]string{
		{"help", "help"},
		{"what can you do?", "help"},
		{"aide", "help"},
		{"что ты умеешь", "help"},
		{"ماذا يمكنك أن تفعل؟", "help"},
		// Rankings: the states in order of a measure.
		{"who's trained the most?", "compare; rank=trained; measure=trained"},
		{"rank states by workshops", "compare; rank=workshops; measure=workshops"},
		{"which state trained the fewest women", "compare; rank=women least; measure=women; women=yes"},
		{"which state has the best gender balance", "compare; rank=women_share; measure=women_share; women=yes"},
		{"worst balance?", "compare; rank=women_share least; measure=women_share; women=yes"},
		{"top states by readiness", "compare; rank=readiness; measure=readiness"},
		{"qui a formé le plus ?", "compare; rank=trained; measure=trained"},
		{"classez les États par formations", "compare; rank=trainings; measure=trainings"},
		{"quel État a le meilleur équilibre femmes-hommes", "compare; rank=women_share; measure=women_share; women=yes"},
		{"кто обучил больше всего", "compare; rank=trained; measure=trained"},
		{"рейтинг стран по семинарам", "compare; rank=workshops; measure=workshops"},
		{"أي دولة دربت أكبر عدد من المحققين", "compare; rank=trained; measure=trained"},
		// Comparisons.
		{"Ghana vs Iraq on workshops", "compare; states=GH,IQ; measure=workshops"},
		{"Гана против Ирака по семинарам", "compare; states=GH,IQ; measure=workshops"},
		{"compare Kenya and Ghana side by side", "compare; states=KE,GH"},
		// Targets: how far, how many more, when due.
		{"how many more do we need to train", "target; indicators=investigators-trained; more=yes"},
		{"how far from the target are we", "target"},
		{"when are targets due", "target"},
		{"combien faut-il encore former", "target; indicators=investigators-trained; more=yes"},
		{"à quelle distance de la cible sommes-nous", "target"},
		{"сколько ещё нужно обучить", "target; indicators=investigators-trained; more=yes"},
		{"когда сроки по целям", "target"},
		{"كم بقي لنبلغ الهدف", "target; more=yes"},
		{"كم محققا نحتاج بعد لبلوغ الهدف؟", "target; indicators=investigators-trained; more=yes"},
		{"quelle est la part des femmes parmi les nouveaux formés ?", "women; women=yes; measure=new"},
		{"how many more investigators in Kenya", "target; indicators=investigators-trained; states=KE; more=yes"},
		// Readiness.
		{"readiness scores?", "readiness"},
		{"readines scores", "readiness"},
		{"evidance for kenya", "evidence; states=KE; evidence=yes"},
		{"investigation in Kenya", "state; states=KE"},
		{"readiness profile of Kenya", "readiness; states=KE"},
		{"weakest pillar in Kenya", "readiness; states=KE"},
		{"scores de préparation", "readiness"},
		{"le pilier le plus faible du Kenya", "readiness; states=KE"},
		{"профиль готовности Кении", "readiness; states=KE"},
		{"أضعف ركيزة في كينيا", "readiness; states=KE"},
		// Evidence and verification.
		{"how many values have evidence", "evidence; evidence=yes"},
		{"verified values for Kenya", "evidence; states=KE; verified=yes"},
		{"values without evidence", "evidence; evidence=no"},
		{"which values lack evidence", "evidence; evidence=no"},
		{"how many trainings have no attendance sheet", "evidence; evidence=no"},
		{"unverified entries in Ghana", "evidence; states=GH; verified=no"},
		{"combien de valeurs ont des preuves", "evidence; evidence=yes"},
		{"сколько значений проверено", "evidence; verified=yes"},
		{"كم عدد القيم التي تم التحقق منها", "evidence; verified=yes"},
		// Women among trainees.
		{"how many women were trained in Ghana", "women; states=GH; women=yes"},
		{"how many new people were trained", "trainings; measure=new"},
		{"combien de femmes formées au Kenya", "women; states=KE; women=yes"},
		// Kick-offs, upcoming, overdue, quiet, behind, changed.
		{"kick-offs not held", "kickoffs"},
		{"lancements pas encore tenus", "kickoffs"},
		{"какие стартовые встречи не проведены", "kickoffs"},
		{"الاجتماعات الافتتاحية التي لم تعقد", "kickoffs"},
		{"what's coming up?", "upcoming"},
		{"overdue events", "overdue"},
		{"quels ateliers n'ont pas eu lieu", "overdue; measure=workshops"},
		{"upcoming workshops", "upcoming; measure=workshops"},
		{"qu'est-ce qui est en retard ?", "overdue"},
		{"ما المتأخر؟", "overdue"},
		{"qui est en retard sur les femmes dans les politiques ?", "behind; indicators=women-policy"},
		{"من المتأخر في نسبة النساء في السياسات؟", "behind; indicators=women-policy"},
		{"how's ct tech+ going", "overview"},
		{"как дела у программы в целом?", "overview"},
		{"что нового в Гане?", "state; states=GH"},
		{"what's new in Ghana?", "state; states=GH"},
		{"what's new?", "changed"},
		{"самая сильная опора Ганы", "readiness; states=GH"},
		{"كم توصية إضافية نحتاج؟", "target; indicators=unsr-recs; more=yes"},
		{"top 3 states by investigators trained", "compare; indicators=investigators-trained; rank=investigators-trained top 3; measure=investigators-trained"},
		{"les 3 meilleurs états par formations", "compare; rank=trainings top 3; measure=trainings"},
		{"какие мероприятия просрочены", "overdue"},
		{"quiet states", "quiet"},
		{"états silencieux", "quiet"},
		{"какие страны молчат", "quiet"},
		{"which states are behind", "behind"},
		{"which states have no data", "behind"},
		{"quels États sont en retard", "behind"},
		{"какие страны отстают", "behind"},
		{"ما الدول المتأخرة", "behind"},
		{"ما هي الدول المتأخرة عن الجدول؟", "behind"},
		{"is Kenya behind?", "behind; states=KE"},
		{"what changed?", "changed"},
		{"anything new this week?", "changed; window=2026-11-23..2026-11-29 recorded; said=this week"},
		{"workshops in Iraq", "workshops; states=IQ"},
		{"ateliers en Irak", "workshops; states=IQ"},
		{"events of Kenya", "events; states=KE"},
		{"événements du Kenya", "events; states=KE"},
		// Who, last report.
		{"who recorded the last training in Kenya", "who; states=KE"},
		{"who enters data for Ghana", "who; states=GH"},
		{"qui a saisi la dernière formation au Kenya", "who; states=KE"},
		{"кто вносит данные по Гане", "who; states=GH"},
		{"من يدخل البيانات لغانا", "who; states=GH"},
		{"when did Kenya last report", "lastreport; states=KE"},
		{"what did Kenya report last", "lastreport; states=KE"},
		{"quand le Kenya a-t-il fait son dernier rapport", "lastreport; states=KE"},
		{"когда Кения последний раз отчитывалась", "lastreport; states=KE"},
		{"آخر تقرير من كينيا", "lastreport; states=KE"},
		// The single-event indicator.
		{"has the international investigation happened?", "event; indicators=intl-investigation"},
		{"l'enquête internationale a-t-elle eu lieu ?", "event; indicators=intl-investigation"},
		{"состоялось ли международное расследование?", "event; indicators=intl-investigation"},
		{"هل تم التحقيق الدولي؟", "event; indicators=intl-investigation"},
		// Overview; unknown.
		{"how are we doing overall?", "overview"},
		{"comment va le programme ?", "overview"},
		{"как дела в программе", "overview"},
		{"ما وضع البرنامج", "overview"},
		{"frobnicate the widgets", ""},
	})
}

// People mentioned after ctbot are who a question asks about.
func TestReadPeople(t *testing.T) {
	c := New(Options{Framework: readFramework})
	q := c.readQuestion("<@UBOT> what did <@U123> record last week?", nil, readToday)
	if len(q.People) != 1 || q.People[0] != "U123" || q.Subject != SubjectWho || q.Window.From.String() != "2026-11-16" {
		t.Errorf("read %+v", q)
	}
	q = c.readQuestion("@ctbot what did @kofi enter", map[string]string{"@ctbot": "UBOT", "@kofi": "UKOFI"}, readToday)
	if len(q.People) != 1 || q.People[0] != "UKOFI" || q.Subject != SubjectWho {
		t.Errorf("read %+v", q)
	}
}

// Topics, levels, courses and online are read in the four languages, and
// an unknown topic is kept unread, as typed.
func TestReadTrainingQualifiers(t *testing.T) {
	checkReads(t, [][2]string{
		{"osint trainings in Kenya", "trainings; states=KE; topics=osint"},
		{"darknet", "trainings; topics=darknet"},
		{"crypto trainings", "trainings; topics=virtual-assets"},
		{"virtual assets courses", "trainings; topics=virtual-assets"},
		{"AI trainings", "trainings; topics=ai"},
		{"artificial intelligence", "trainings; topics=ai"},
		{"formations IA", "trainings; topics=ai"},
		{"formations sur les sources ouvertes", "trainings; topics=osint"},
		{"formations cryptomonnaies", "trainings; topics=virtual-assets"},
		{"тренинги по даркнету", "trainings; topics=darknet"},
		{"курсы по искусственному интеллекту", "trainings; topics=ai"},
		{"دورات العملات المشفرة", "trainings; topics=virtual-assets"},
		{"تدريب الذكاء الاصطناعي", "trainings; topics=ai"},
		{"basic courses", "trainings; levels=basic"},
		{"advanced osint training", "trainings; topics=osint; levels=advanced"},
		{"formations de base", "trainings; levels=basic"},
		{"базовый курс", "trainings; levels=basic"},
		{"تدريب أساسي", "trainings; levels=basic"},
		{"trainings on osint-basic", "trainings; courses=osint-basic"},
		{"online trainings", "trainings; online=yes"},
		{"in person trainings", "trainings; online=no"},
		{"online vs in person trainings", "trainings"},
		{"formations en ligne en Côte d'Ivoire", "trainings; states=CI; online=yes"},
		{"очные тренинги", "trainings; online=no"},
		{"تدريب عن بعد", "trainings; online=yes"},
		{"women trained online in Kenya last month", "women; states=KE; online=yes; women=yes; window=2026-10-01..2026-10-31; said=last month"},
		{"trainings about drones", "trainings; unread=about drones"},
		{"formations sur les drones", "trainings; unread=sur les drones"},
		{"тренинги про дроны", "trainings; unread=про дроны"},
		{"تدريبات حول الطائرات المسيرة", "trainings; unread=حول الطائرات المسيرة"},
	})
}
