// HTTP routes for relationships: status, agreement, meetings (.ics), notes,
// journeys, learning log, goals and actions, feedback, check-ins and closure.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../api/auth-plugin.js';
import { idParams, noContent, pageOf } from '../api/common.js';
import type { Db } from '../db/client.js';
import { relationshipResponseSchema } from './access.js';
import {
  actionResponseSchema,
  createAction,
  createActionSchema,
  listActions,
  updateAction,
  updateActionSchema,
} from './actions.js';
import { agendaSchema } from './agendas.js';
import {
  agreementResponseSchema,
  agreementSchema,
  getAgreement,
  saveAgreement,
  signAgreement,
  signSchema,
} from './agreements.js';
import {
  feedbackResponseSchema,
  feedbackSchema,
  feedbackSummary,
  feedbackSummarySchema,
  getMyFeedback,
  giveFeedback,
} from './feedback.js';
import {
  createJourneyEntry,
  createJourneySchema,
  deleteJourneyEntry,
  journeyEntryResponseSchema,
  listMyJourney,
  listRelationshipJourneys,
  updateJourneyEntry,
  updateJourneySchema,
} from './journeys.js';
import {
  learningEntrySchema,
  learningLogSchema,
  learningSchema,
  listLearning,
  logLearning,
} from './learning.js';
import {
  cancelMeeting,
  getMeeting,
  getMeetingIcs,
  listAgendaTemplates,
  listMeetings,
  meetingListSchema,
  meetingResponseSchema,
  recordMeeting,
  rescheduleMeeting,
  rescheduleSchema,
  scheduleMeeting,
  scheduleSchema,
  versionSchema,
} from './meetings.js';
import {
  createNote,
  createNoteSchema,
  deleteNote,
  getNote,
  listNotes,
  listNotesQuery,
  noteResponseSchema,
  updateNote,
  updateNoteSchema,
} from './notes.js';
import {
  checkIn,
  checkInResponseSchema,
  checkInSchema,
  getRelationship,
  listCheckIns,
  listMineQuery,
  listMyRelationships,
  listProgrammeQuery,
  listProgrammeRelationships,
  listReflections,
  myDeclineReason,
  myDeclineReasonSchema,
  reflect,
  reflectionResponseSchema,
  reflectionSchema,
  reflectionsResponseSchema,
  transitionRelationship,
  transitionSchema,
} from './relationships.js';

export const relationshipRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['relationships'];
  app.get(
    '/relationships',
    {
      schema: {
        tags,
        summary: 'My relationships in every programme',
        querystring: listMineQuery,
        response: { 200: z.array(relationshipResponseSchema) },
      },
    },
    async (request) => listMyRelationships(db, actorOf(request), request.query),
  );
  app.get(
    '/programmes/:id/relationships',
    {
      schema: {
        tags,
        summary: 'Relationships of a programme (managers: state only)',
        params: idParams,
        querystring: listProgrammeQuery,
        response: { 200: pageOf(relationshipResponseSchema).omit({ totalExact: true }) },
      },
    },
    async (request) => listProgrammeRelationships(db, actorOf(request), request.params.id, request.query),
  );
  app.get(
    '/relationships/:id',
    {
      schema: {
        tags,
        summary: 'One relationship',
        params: idParams,
        response: { 200: relationshipResponseSchema },
      },
    },
    async (request) => getRelationship(db, actorOf(request), request.params.id),
  );
  app.post(
    '/relationships/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Pause, resume or close (either person or a manager); withdraw a proposal (a manager)',
        params: idParams,
        body: transitionSchema,
        response: { 200: relationshipResponseSchema },
      },
    },
    async (request) => transitionRelationship(db, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/relationships/:id/check-ins',
    {
      schema: {
        tags,
        summary: 'Check-ins of a relationship',
        params: idParams,
        response: { 200: z.array(checkInResponseSchema) },
      },
    },
    async (request) => listCheckIns(db, actorOf(request), request.params.id),
  );
  app.post(
    '/relationships/:id/check-ins',
    {
      schema: {
        tags,
        summary: 'A light check-in that keeps a long relationship alive',
        params: idParams,
        body: checkInSchema,
        response: { 201: checkInResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await checkIn(db, actorOf(request), request.params.id, request.body)),
  );
  app.post(
    '/relationships/:id/reflection',
    {
      schema: {
        tags,
        summary: 'My closing reflection (after closing)',
        params: idParams,
        body: reflectionSchema,
        response: { 201: reflectionResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await reflect(db, actorOf(request), request.params.id, request.body)),
  );
  app.get(
    '/relationships/:id/reflections',
    {
      schema: {
        tags,
        summary: 'My reflection, and my partner’s if shared',
        params: idParams,
        response: { 200: reflectionsResponseSchema },
      },
    },
    async (request) => listReflections(db, actorOf(request), request.params.id),
  );
  app.get(
    '/relationships/:id/decline-reason',
    {
      schema: {
        tags,
        summary: 'The decline reason I wrote, if any',
        params: idParams,
        response: { 200: myDeclineReasonSchema },
      },
    },
    async (request) => myDeclineReason(db, actorOf(request), request.params.id),
  );

  const agreementTags = ['agreements'];
  app.get(
    '/relationships/:id/agreement',
    {
      schema: {
        tags: agreementTags,
        summary: 'The mentoring agreement',
        params: idParams,
        response: { 200: agreementResponseSchema },
      },
    },
    async (request) => getAgreement(db, actorOf(request), request.params.id),
  );
  app.put(
    '/relationships/:id/agreement',
    {
      schema: {
        tags: agreementTags,
        summary: 'Draft or change the agreement (clears both signatures; send version when changing)',
        params: idParams,
        body: agreementSchema,
        response: { 200: agreementResponseSchema },
      },
    },
    async (request) => saveAgreement(db, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/relationships/:id/agreement/sign',
    {
      schema: {
        tags: agreementTags,
        summary: 'Sign the agreement version you read (charter and pledge included)',
        params: idParams,
        body: signSchema,
        response: { 200: agreementResponseSchema },
      },
    },
    async (request) => signAgreement(db, actorOf(request), request.params.id, request.body),
  );

  const meetingTags = ['meetings'];
  app.get(
    '/relationships/:id/agenda-templates',
    {
      schema: {
        tags: meetingTags,
        summary: 'Guided agenda templates for this relationship',
        params: idParams,
        response: { 200: z.array(agendaSchema) },
      },
    },
    async (request) => listAgendaTemplates(db, actorOf(request), request.params.id),
  );
  app.get(
    '/relationships/:id/meetings',
    {
      schema: {
        tags: meetingTags,
        summary: 'Meetings and cancellation counts',
        params: idParams,
        response: { 200: meetingListSchema },
      },
    },
    async (request) => listMeetings(db, actorOf(request), request.params.id),
  );
  app.post(
    '/relationships/:id/meetings',
    {
      schema: {
        tags: meetingTags,
        summary: 'Schedule a meeting',
        params: idParams,
        body: scheduleSchema,
        response: { 201: meetingResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await scheduleMeeting(db, actorOf(request), request.params.id, request.body)),
  );
  app.get(
    '/meetings/:id',
    {
      schema: {
        tags: meetingTags,
        summary: 'One meeting',
        params: idParams,
        response: { 200: meetingResponseSchema },
      },
    },
    async (request) => getMeeting(db, actorOf(request), request.params.id),
  );
  app.patch(
    '/meetings/:id',
    {
      schema: {
        tags: meetingTags,
        summary: 'Reschedule or change a meeting (SEQUENCE rises)',
        params: idParams,
        body: rescheduleSchema,
        response: { 200: meetingResponseSchema },
      },
    },
    async (request) => rescheduleMeeting(db, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/meetings/:id/cancel',
    {
      schema: {
        tags: meetingTags,
        summary: 'Cancel a meeting',
        params: idParams,
        body: versionSchema,
        response: { 200: meetingResponseSchema },
      },
    },
    async (request) => cancelMeeting(db, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/meetings/:id/record',
    {
      schema: {
        tags: meetingTags,
        summary: 'Record a meeting as held',
        params: idParams,
        body: versionSchema,
        response: { 200: meetingResponseSchema },
      },
    },
    async (request) => recordMeeting(db, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/meetings/:id/ics',
    {
      schema: {
        tags: meetingTags,
        summary: 'The meeting invitation (text/calendar, RFC 5545)',
        params: idParams,
        response: {
          200: {
            description: 'The invitation as an iCalendar file',
            content: { 'text/calendar': { schema: z.string() } },
          },
        },
      },
    },
    async (request, reply) => {
      const ics = await getMeetingIcs(db, actorOf(request), request.params.id);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="meeting-${request.params.id}.ics"`)
        .send(ics);
    },
  );
  app.post(
    '/meetings/:id/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'My feedback on a held meeting (only I will see it)',
        params: idParams,
        body: feedbackSchema,
        response: { 201: feedbackResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await giveFeedback(db, actorOf(request), request.params.id, request.body)),
  );
  app.get(
    '/meetings/:id/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'My own feedback on a meeting',
        params: idParams,
        response: { 200: feedbackResponseSchema },
      },
    },
    async (request) => getMyFeedback(db, actorOf(request), request.params.id),
  );
  app.get(
    '/programmes/:id/feedback-summary',
    {
      schema: {
        tags: ['feedback'],
        summary:
          'Feedback aggregates, overall, by side and by department (managers, sponsors; audited). Each figure covers at least 5 distinct people; others are hidden so that none can be worked out by subtraction, and figures come from published snapshots that change only when that stays true',
        params: idParams,
        response: { 200: feedbackSummarySchema },
      },
    },
    async (request) => feedbackSummary(db, actorOf(request), request.params.id),
  );

  const noteTags = ['notes'];
  app.get(
    '/relationships/:id/notes',
    {
      schema: {
        tags: noteTags,
        summary: 'Shared notes and my private notes',
        params: idParams,
        querystring: listNotesQuery,
        response: { 200: z.array(noteResponseSchema) },
      },
    },
    async (request) => listNotes(db, actorOf(request), request.params.id, request.query),
  );
  app.post(
    '/relationships/:id/notes',
    {
      schema: {
        tags: noteTags,
        summary: 'Write a private or shared note',
        params: idParams,
        body: createNoteSchema,
        response: { 201: noteResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createNote(db, actorOf(request), request.params.id, request.body)),
  );
  app.get(
    '/notes/:id',
    {
      schema: {
        tags: noteTags,
        summary: 'One note I may read',
        params: idParams,
        response: { 200: noteResponseSchema },
      },
    },
    async (request) => getNote(db, actorOf(request), request.params.id),
  );
  app.patch(
    '/notes/:id',
    {
      schema: {
        tags: noteTags,
        summary: 'Change my note',
        params: idParams,
        body: updateNoteSchema,
        response: { 200: noteResponseSchema },
      },
    },
    async (request) => updateNote(db, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/notes/:id',
    { schema: { tags: noteTags, summary: 'Delete my note', params: idParams, response: { 204: noContent } } },
    async (request, reply) => {
      await deleteNote(db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  const journeyTags = ['journeys'];
  app.get(
    '/journey',
    {
      schema: {
        tags: journeyTags,
        summary: 'My journey entries',
        response: { 200: z.array(journeyEntryResponseSchema) },
      },
    },
    async (request) => listMyJourney(db, actorOf(request)),
  );
  app.post(
    '/journey',
    {
      schema: {
        tags: journeyTags,
        summary: 'Add a journey entry (triumph, struggle, mistake, lesson)',
        body: createJourneySchema,
        response: { 201: journeyEntryResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createJourneyEntry(db, actorOf(request), request.body)),
  );
  app.patch(
    '/journey/:id',
    {
      schema: {
        tags: journeyTags,
        summary: 'Change a journey entry or whom it is shared with',
        params: idParams,
        body: updateJourneySchema,
        response: { 200: journeyEntryResponseSchema },
      },
    },
    async (request) => updateJourneyEntry(db, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/journey/:id',
    {
      schema: {
        tags: journeyTags,
        summary: 'Delete a journey entry',
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await deleteJourneyEntry(db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/relationships/:id/journeys',
    {
      schema: {
        tags: journeyTags,
        summary: 'Journey entries shared into this relationship',
        params: idParams,
        response: { 200: z.array(journeyEntryResponseSchema) },
      },
    },
    async (request) => listRelationshipJourneys(db, actorOf(request), request.params.id),
  );

  app.get(
    '/relationships/:id/learning',
    {
      schema: {
        tags: ['learning'],
        summary: 'The two-way learning log and its balance',
        params: idParams,
        response: { 200: learningLogSchema },
      },
    },
    async (request) => listLearning(db, actorOf(request), request.params.id),
  );
  app.post(
    '/relationships/:id/learning',
    {
      schema: {
        tags: ['learning'],
        summary: 'Log what I learned from the other person',
        params: idParams,
        body: learningSchema,
        response: { 201: learningEntrySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await logLearning(db, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/relationships/:id/actions',
    {
      schema: {
        tags: ['goals'],
        summary: 'Goals and action items',
        params: idParams,
        response: { 200: z.array(actionResponseSchema) },
      },
    },
    async (request) => listActions(db, actorOf(request), request.params.id),
  );
  app.post(
    '/relationships/:id/actions',
    {
      schema: {
        tags: ['goals'],
        summary: 'Add a goal or an action item',
        params: idParams,
        body: createActionSchema,
        response: { 201: actionResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createAction(db, actorOf(request), request.params.id, request.body)),
  );
  app.patch(
    '/actions/:id',
    {
      schema: {
        tags: ['goals'],
        summary: 'Change a goal or action item',
        params: idParams,
        body: updateActionSchema,
        response: { 200: actionResponseSchema },
      },
    },
    async (request) => updateAction(db, actorOf(request), request.params.id, request.body),
  );
};
