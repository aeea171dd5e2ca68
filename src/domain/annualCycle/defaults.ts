/**
 * The default årshjul of the demo organisation, after Svenljunga's follow-up rhythm and
 * Tyresö's kvalitetsråd (DOMAIN.md §5.7, §5.8; seeds 000 and 002). Data, not code: each
 * organisation edits its own list in `annual_duty`.
 */
import type { AnnualDuty } from './schedule.js';

type Default = Omit<AnnualDuty, 'active' | 'month' | 'deadlineWorkdays' | 'deadlineMonth' | 'deadlineDay'> &
  Partial<Pick<AnnualDuty, 'month' | 'deadlineWorkdays' | 'deadlineMonth' | 'deadlineDay'>>;

const DEFAULTS: Default[] = [
  {
    id: 'delegationskontroll', title: 'Delegationskontroll', recurrence: 'monthly', dayOfMonth: 1, deadlineWorkdays: 10,
    role: 'verksamhetschef', nodeId: 'aldreomsorg',
    description: 'Sammanställ förra månadens delegationsbeslut och kontrollera dem enligt rutinen. Redovisas till förvaltningsledningen och nämnden.',
  },
  {
    id: 'arendegenomgang', title: 'Ärendegenomgång', recurrence: 'monthly', dayOfMonth: 1, deadlineWorkdays: 10,
    role: 'enhetschef', nodeId: 'barn-och-unga',
    description: 'Gå igenom ärendena per handläggare och dokumentera resultatet, med utredningstiderna. Resultatet går till verksamhetschefen.',
  },
  {
    id: 'kvalitetsrad', title: 'Kvalitetsråd', recurrence: 'monthly', dayOfMonth: 15, deadlineWorkdays: 5,
    role: 'enhetschef', nodeId: 'hemtjanst-solrosen',
    description: 'Håll enhetens kvalitetsråd: följ upp och analysera avvikelser, synpunkter, egenkontroller och pågående åtgärder.',
  },
  {
    id: 'anmalan-delegationsbeslut', title: 'Anmälan av delegationsbeslut till nämnden', recurrence: 'monthly', dayOfMonth: 20, deadlineWorkdays: 5,
    role: 'namndsekreterare', nodeId: 'socialforvaltningen',
    description: 'Sammanställ månadens delegationsbeslut till nämndens sammanträde.',
  },
  {
    id: 'tillbud-arbetsskador', title: 'Rapport om tillbud och arbetsskador', recurrence: 'quarterly', dayOfMonth: 10, deadlineWorkdays: 10,
    role: 'verksamhetschef', nodeId: 'aldreomsorg',
    description: 'Sammanställ kvartalets tillbud och arbetsskador till förvaltningsledningen och nämnden.',
  },
  {
    id: 'processmatetal', title: 'Mätetal för processerna', recurrence: 'quarterly', dayOfMonth: 10, deadlineWorkdays: 10,
    role: 'kvalitetsledare', nodeId: 'socialforvaltningen',
    description: 'Sammanställ kvartalets mätetal: processernas omfång och trender, till förvaltningsledningen och nämnden.',
  },
  {
    id: 'loggkontroll', title: 'Loggkontroll', recurrence: 'quarterly', dayOfMonth: 20, deadlineWorkdays: 10,
    role: 'mas', nodeId: 'socialforvaltningen',
    description: 'Granska loggarna över läsningar av journaler och personakter enligt rutinen och dokumentera resultatet.',
  },
  {
    id: 'tertialrapport', title: 'Tertialrapport', recurrence: 'tertial', dayOfMonth: 1, deadlineWorkdays: 15,
    role: 'verksamhetschef', nodeId: 'aldreomsorg',
    description: 'Ekonomi- och verksamhetsuppföljning efter 4 respektive 8 månader: måluppfyllelse, avvikelser, synpunkter och utredningstider.',
  },
  {
    id: 'arsbokslut', title: 'Årsbokslut och verksamhetsberättelse för föregående år', recurrence: 'yearly', month: 1, dayOfMonth: 10,
    deadlineMonth: 2, deadlineDay: 15, role: 'socialchef', nodeId: 'socialforvaltningen',
    description: 'Måluppfyllelse och resultat, redovisning av avvikelser och av synpunkts- och klagomålshanteringen, till februarinämnden.',
  },
  {
    id: 'kvalitetsberattelse', title: 'Kvalitetsberättelse för föregående år', recurrence: 'yearly', month: 2, dayOfMonth: 1,
    deadlineMonth: 2, deadlineDay: 28, role: 'kvalitetsledare', nodeId: 'socialforvaltningen',
    description: 'Hur kvalitetsarbetet bedrevs, vilka åtgärder som vidtogs och vilka resultat som nåddes (SOSFS 2011:9 7 kap.), till februarinämnden.',
  },
  {
    id: 'patientsakerhetsberattelse', title: 'Patientsäkerhetsberättelse för föregående år', recurrence: 'yearly', month: 2, dayOfMonth: 1,
    deadlineMonth: 3, deadlineDay: 1, role: 'mas', nodeId: 'socialforvaltningen',
    description: 'Hur patientsäkerhetsarbetet bedrevs och följdes upp, hur risker hanterades och vilka resultat som nåddes. Ska vara klar senast 1 mars (patientsäkerhetslagen).',
  },
  {
    id: 'medarbetarenkat', title: 'Medarbetarenkät: handlingsplan', recurrence: 'yearly', month: 3, dayOfMonth: 15, deadlineWorkdays: 20,
    role: 'enhetschef', nodeId: 'hemtjanst-solrosen',
    description: 'Gör en handlingsplan för förbättringsområdena i medarbetarenkäten och rapportera till verksamhetschefen.',
  },
  {
    id: 'handlingsplaner-vard', title: 'Uppföljning av handlingsplanerna för demens, nutrition och palliativ vård', recurrence: 'yearly', month: 10, dayOfMonth: 1,
    deadlineWorkdays: 20, role: 'mas', nodeId: 'socialforvaltningen',
    description: 'Följ upp kvalitetsindikatorerna (BPSD-registret, Senior Alert, Palliativregistret) och rapportera till förvaltningsledningen och nämnden.',
  },
  {
    id: 'brukarundersokning', title: 'Brukarundersökning: resultat och åtgärder', recurrence: 'yearly', month: 11, dayOfMonth: 1, deadlineWorkdays: 20,
    role: 'verksamhetschef', nodeId: 'aldreomsorg',
    description: 'Analysera resultatet av brukarundersökningen (Öppna jämförelser) och rapportera till förvaltningsledningen och nämnden.',
  },
];

/** The default duties, all active. */
export function defaultAnnualDuties(): AnnualDuty[] {
  return DEFAULTS.map((d) => ({
    month: null, deadlineWorkdays: null, deadlineMonth: null, deadlineDay: null, ...d, active: true,
  }));
}
