// The shapes of the notification API, taken from the server's own schemas.
import type { z } from 'zod';
import type { notificationPageSchema } from '../../../../../src/notifications/notification-centre';
import type {
  undeliveredPageSchema,
  undeliveredQuerySchema,
} from '../../../../../src/notifications/undelivered';
import type { unsubscribeLinkSchema } from '../../../../../src/notifications/unsubscribe';

export type { NotificationView } from '../../../../../src/notifications/notification-centre';
export type { Preferences } from '../../../../../src/notifications/preferences';
export type { UndeliveredEmail } from '../../../../../src/notifications/undelivered';

export type NotificationPage = z.infer<typeof notificationPageSchema>;
export type UndeliveredPage = z.infer<typeof undeliveredPageSchema>;
export type UndeliveredStatus = z.infer<typeof undeliveredQuerySchema>['status'];
export type UnsubscribeLink = z.infer<typeof unsubscribeLinkSchema>;
