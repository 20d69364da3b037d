package commands

import "testing"

// Windows, asked on Friday 27 November 2026: days both included, weeks
// from Monday, what was said kept as typed.
func TestReadWindows(t *testing.T) {
	checkReads(t, [][2]string{
		{"trainings today", "trainings; window=2026-11-27..2026-11-27; said=today"},
		{"trainings yesterday", "trainings; window=2026-11-26..2026-11-26; said=yesterday"},
		{"trainings this week", "trainings; window=2026-11-23..2026-11-29; said=this week"},
		{"trainings last week", "trainings; window=2026-11-16..2026-11-22; said=last week"},
		{"trainings in Kenya this month", "trainings; states=KE; window=2026-11-01..2026-11-30; said=this month"},
		{"trainings in Kenya last month", "trainings; states=KE; window=2026-10-01..2026-10-31; said=last month"},
		{"workshops this quarter", "workshops; window=2026-10-01..2026-12-31; said=this quarter"},
		{"workshops last quarter", "workshops; window=2026-07-01..2026-09-30; said=last quarter"},
		{"trainings this year", "trainings; window=2026-01-01..2026-12-31; said=this year"},
		{"trainings last year", "trainings; window=2025-01-01..2025-12-31; said=last year"},
		{"trainings year to date", "trainings; window=2026-01-01..2026-11-27; said=year to date"},
		{"trainings in the last 30 days", "trainings; window=2026-10-29..2026-11-27; said=in the last 30 days"},
		{"trainings over the past two weeks", "trainings; window=2026-11-14..2026-11-27; said=the past two weeks"},
		// "the last week", "за неделю": the last 7 days; "last week": the calendar's.
		{"what changed in kenya in the last week", "changed; states=KE; window=2026-11-21..2026-11-27 recorded; said=in the last week"},
		{"что нового в Кении за неделю?", "changed; states=KE; window=2026-11-21..2026-11-27 recorded; said=за неделю"},
		{"ما الجديد في غانا هذا الأسبوع؟", "changed; states=GH; window=2026-11-23..2026-11-29 recorded; said=هذا الأسبوع"},
		{"тренинги за сентябрь", "trainings; window=2026-09-01..2026-09-30; said=за сентябрь"},
		{"التدريبات في آخر 30 يومًا", "trainings; window=2026-10-29..2026-11-27; said=في آخر 30 يومًا"},
		{"what did <@U2> record this week?", "who; people=U2; window=2026-11-23..2026-11-29 recorded; said=this week"},
		{"trainings in the last 3 months", "trainings; window=2026-08-28..2026-11-27; said=in the last 3 months"},
		{"trainings since September", "trainings; window=2026-09-01..2026-11-27; said=since September"},
		{"trainings since 2026-10-01", "trainings; window=2026-10-01..2026-11-27; said=since 2026-10-01"},
		{"trainings since 5 Oct", "trainings; window=2026-10-05..2026-11-27; said=since 5 Oct"},
		{"trainings in September", "trainings; window=2026-09-01..2026-09-30; said=in September"},
		{"trainings in December", "trainings; window=2025-12-01..2025-12-31; said=in December"},
		{"trainings in March 2025", "trainings; window=2025-03-01..2025-03-31; said=in March 2025"},
		{"trainings in may", "trainings; window=2026-05-01..2026-05-31; said=in may"},
		{"Kenya may be behind", "behind; states=KE"},
		{"trainings in Q3", "trainings; window=2026-07-01..2026-09-30; said=in Q3"},
		{"trainings Q2 2025", "trainings; window=2025-04-01..2025-06-30; said=Q2 2025"},
		{"trainings in the third quarter", "trainings; window=2026-07-01..2026-09-30; said=in the third quarter"},
		{"trainings Nov 1-15", "trainings; window=2026-11-01..2026-11-15; said=Nov 1-15"},
		{"trainings 1 – 15 November", "trainings; window=2026-11-01..2026-11-15; said=1 – 15 November"},
		{"trainings since the 1st of October", "trainings; window=2026-10-01..2026-11-27; said=since the 1st of October"},
		{"workshops in H1 2026", "workshops; window=2026-01-01..2026-06-30; said=in H1 2026"},
		{"workshops in the first half of 2025", "workshops; window=2025-01-01..2025-06-30; said=in the first half of 2025"},
		{"trainings this quarter so far", "trainings; window=2026-10-01..2026-11-27; said=this quarter"},
		{"trainings between 1 and 15 Nov", "trainings; window=2026-11-01..2026-11-15; said=between 1 and 15 Nov"},
		{"trainings from 1 to 15 November", "trainings; window=2026-11-01..2026-11-15; said=from 1 to 15 November"},
		{"trainings between 2026-10-01 and 2026-10-15", "trainings; window=2026-10-01..2026-10-15; said=between 2026-10-01 and 2026-10-15"},
		{"trainings on 2026-11-03", "trainings; window=2026-11-03..2026-11-03; said=2026-11-03"},
		{"what changed this week", "changed; window=2026-11-23..2026-11-29 recorded; said=this week"},
		{"what's new since Monday", "changed; window=2026-11-23..2026-11-27 recorded; said=since Monday"},
		{"what was recorded since last Monday", "changed; window=2026-11-23..2026-11-27 recorded; said=since last Monday"},
		{"last quarter?", "overview; window=2026-07-01..2026-09-30; said=last quarter"},
		{"how many more investigators do we need by December", "target; indicators=investigators-trained; more=yes; window=..2026-12-31; said=by December"},
		// French.
		{"formations aujourd'hui", "trainings; window=2026-11-27..2026-11-27; said=aujourd'hui"},
		{"formations cette semaine", "trainings; window=2026-11-23..2026-11-29; said=cette semaine"},
		{"formations au Kenya le mois dernier", "trainings; states=KE; window=2026-10-01..2026-10-31; said=mois dernier"},
		{"ateliers au T3", "workshops; window=2026-07-01..2026-09-30; said=T3"},
		{"formations au 3e trimestre", "trainings; window=2026-07-01..2026-09-30; said=3e trimestre"},
		{"ateliers du premier semestre", "workshops; window=2026-01-01..2026-06-30; said=premier semestre"},
		{"formations depuis septembre", "trainings; window=2026-09-01..2026-11-27; said=depuis septembre"},
		{"formations en octobre", "trainings; window=2026-10-01..2026-10-31; said=en octobre"},
		{"formations des deux derniers mois", "trainings; window=2026-09-28..2026-11-27; said=deux derniers mois"},
		{"formations du 1er au 15 novembre", "trainings; window=2026-11-01..2026-11-15; said=du 1er au 15 novembre"},
		{"formations depuis le début de l'année", "trainings; window=2026-01-01..2026-11-27; said=depuis le début de l'année"},
		{"qu'est-ce qui a changé depuis vendredi ?", "changed; window=2026-11-20..2026-11-27 recorded; said=depuis vendredi"},
		{"quels pays n'ont rien saisi depuis trois semaines ?", "quiet; window=2026-11-07..2026-11-27; said=depuis trois semaines"},
		{"quoi de neuf depuis lundi", "changed; window=2026-11-23..2026-11-27 recorded; said=depuis lundi"},
		// Russian.
		{"тренинги сегодня", "trainings; window=2026-11-27..2026-11-27; said=сегодня"},
		{"тренинги в Кении в прошлом месяце", "trainings; states=KE; window=2026-10-01..2026-10-31; said=в прошлом месяце"},
		{"тренинги за последние две недели", "trainings; window=2026-11-14..2026-11-27; said=за последние две недели"},
		{"семинары за первое полугодие", "workshops; window=2026-01-01..2026-06-30; said=за первое полугодие"},
		{"тренинги с сентября", "trainings; window=2026-09-01..2026-11-27; said=с сентября"},
		{"тренинги в сентябре", "trainings; window=2026-09-01..2026-09-30; said=в сентябре"},
		{"семинары в третьем квартале", "workshops; window=2026-07-01..2026-09-30; said=в третьем квартале"},
		{"семинары в 3 квартале", "workshops; window=2026-07-01..2026-09-30; said=в 3 квартале"},
		{"тренинги с 1 по 15 ноября", "trainings; window=2026-11-01..2026-11-15; said=с 1 по 15 ноября"},
		{"тренинги по ИИ в 2025 году", "trainings; topics=ai; window=2025-01-01..2025-12-31; said=в 2025 году"},
		{"тренинги с начала года", "trainings; window=2026-01-01..2026-11-27; said=с начала года"},
		{"что нового с понедельника", "changed; window=2026-11-23..2026-11-27 recorded; said=с понедельника"},
		// Arabic.
		{"التدريبات اليوم", "trainings; window=2026-11-27..2026-11-27; said=اليوم"},
		{"التدريبات هذا الشهر", "trainings; window=2026-11-01..2026-11-30; said=هذا الشهر"},
		{"التدريبات في كينيا الشهر الماضي", "trainings; states=KE; window=2026-10-01..2026-10-31; said=الشهر الماضي"},
		{"ورش العمل في النصف الأول من العام", "workshops; window=2026-01-01..2026-06-30; said=في النصف الأول"},
		{"التدريبات منذ سبتمبر", "trainings; window=2026-09-01..2026-11-27; said=منذ سبتمبر"},
		{"التدريبات في عام 2025", "trainings; window=2025-01-01..2025-12-31; said=في عام 2025"},
		{"التدريبات منذ أيلول", "trainings; window=2026-09-01..2026-11-27; said=منذ أيلول"},
		{"التدريبات في تشرين الثاني", "trainings; window=2026-11-01..2026-11-30; said=في تشرين الثاني"},
		{"ورش العمل في الربع الثالث", "workshops; window=2026-07-01..2026-09-30; said=في الربع الثالث"},
		{"التدريبات بين 1 و15 نوفمبر", "trainings; window=2026-11-01..2026-11-15; said=بين 1 و15 نوفمبر"},
		{"التدريبات في آخر ثلاثة أيام", "trainings; window=2026-11-25..2026-11-27; said=في آخر ثلاثة أيام"},
		{"التدريبات خلال الشهرين الماضيين", "trainings; window=2026-09-28..2026-11-27; said=خلال الشهرين الماضيين"},
		{"التدريبات خلال يومين الماضيين", "trainings; window=2026-11-26..2026-11-27; said=خلال يومين الماضيين"},
		{"ما الجديد منذ الاثنين", "changed; window=2026-11-23..2026-11-27 recorded; said=منذ الاثنين"},
	})
}

// What is coming up is read as days ahead.
func TestReadAhead(t *testing.T) {
	checkReads(t, [][2]string{
		{"what's coming up in the next 2 weeks", "upcoming; ahead=14"},
		{"what's planned in the next 10 days", "upcoming; ahead=10"},
		{"what's planned in 10 days", "upcoming; ahead=10"},
		{"states that haven't reported in 3 weeks", "quiet; window=2026-11-07..2026-11-27; said=in 3 weeks"},
		{"what's coming up next month", "upcoming; window=2026-12-01..2026-12-31; said=next month"},
		{"anything due in the next 7 days", "upcoming; ahead=7"},
		{"what's happening next week", "upcoming; window=2026-11-30..2026-12-06; said=next week"},
		{"tomorrow?", "upcoming; window=2026-11-28..2026-11-28; said=tomorrow"},
		{"qu'est-ce qui est prévu dans les 15 prochains jours", "upcoming; ahead=15"},
		{"что запланировано в ближайшие две недели", "upcoming; ahead=14"},
		{"ما المخطط خلال الأسبوعين القادمين", "upcoming; ahead=14"},
	})
}

// A window outside the programme, or a second one, is kept unread.
func TestReadWindowUnread(t *testing.T) {
	checkReads(t, [][2]string{
		{"trainings in 2019", "trainings; unread=in 2019"},
		{"formations en 2019", "trainings; unread=en 2019"},
		{"trainings in 2025", "trainings; window=2025-01-01..2025-12-31; said=in 2025"},
		{"trainings in Q2 and Q3", "trainings; window=2026-04-01..2026-06-30; said=in Q2; unread=Q3"},
	})
}
