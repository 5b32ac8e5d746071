/**
 * GENERATED from the OpenAPI document (/api/docs/json) by scripts/gen-api-types.ts: do not edit.
 * Run `npm run gen:api` after changing a route's schema or the catalogue (src/http/openapi/).
 */
export const EVENT_TYPES = [
  'LivechatSessionStart',
  'LivechatSessionQueued',
  'LivechatSessionTaken',
  'LivechatSessionForwarded',
  'LivechatSession',
  'Message',
  'LivechatOfflineMessage',
  'LeadCapture',
  'LivechatEdit',
] as const satisfies readonly components['schemas']['EventType'][];
export interface paths {
  '/api/health/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness: the process is up (does not touch the database)
     * @description For a supervisor: answers as long as the event loop turns.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              status: string;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        401: components['responses']['Unauthorized'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Readiness: the database answers; 503 error-unavailable with Retry-After when not
     * @description For a load balancer: a bounded round trip to the database; 503 with Retry-After when it fails.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              status: string;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        401: components['responses']['Unauthorized'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/info': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Server version; answers once the server is ready
     * @description Rocket.Chat's info route: the version, once the server has finished starting.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
              version: string;
            };
          };
        };
        401: components['responses']['Unauthorized'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/canned-responses': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Canned responses in reach (shortcut filters by text, tags by any of the tags)
     * @description Rocket.Chat's route, same body and answer; the caller's, their departments' and the global ones; paged.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          offset?: number;
          shortcut?: string;
          tags?: string[];
          'tags[]'?: string[];
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              cannedResponses: ({
                _id: string;
              } & {
                [key: string]: unknown;
              })[];
              count: number;
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    /**
     * Create a canned response, or update it when _id is given
     * @description Rocket.Chat's route, same body and answer; shortcut, text, scope, tags and department.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            _id?: string;
            departmentId?: string;
            scope: 'global' | 'department';
            shortcut: string;
            tags?: string[];
            text: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              cannedResponse: {
                _id: string;
              } & {
                [key: string]: unknown;
              };
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    /**
     * Remove a canned response
     * @description Rocket.Chat's route, same body and answer; by _id in the body.
     */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            _id: string;
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/canned-responses.get': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every canned response in reach, unpaged, as `responses`
     * @description Rocket.Chat's route, same body and answer; for the composer's picker.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              responses: ({
                _id: string;
              } & {
                [key: string]: unknown;
              })[];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/canned-responses/{_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One canned response in reach
     * @description Rocket.Chat's route, same body and answer; by id.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              cannedResponse: {
                _id: string;
              } & {
                [key: string]: unknown;
              };
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/chat.sendMessage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * An agent sends a message to a room
     * @description Rocket.Chat's route, same body and answer; message.rid and message.msg; the room's visitor sees it live and its webhook is queued.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            message: {
              _id?: string;
              msg: string;
              rid: string;
            };
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              message: components['schemas']['Message'];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/{rid}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A room's conversation for staff (no system records, no notes), newest first
     * @description Rocket.Chat's route, same body and answer; searchTerm filters the text; paged.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          offset?: number;
          searchTerm?: string;
          sort?: string;
        };
        header?: never;
        path: {
          rid: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              messages: components['schemas']['Message'][];
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/agent.info/{rid}/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The agent serving a room, for its visitor
     * @description Rocket.Chat's livechat API, same body and answer; the serving agent's public fields (name, username, e-mail, phone).
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          rid: string;
          token: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              agent: {
                [key: string]: unknown;
              };
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/agent.next/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The agent serving the token's open room, else the agent routing would pick now
     * @description Rocket.Chat's livechat API, same body and answer; the agent who would answer, for the widget's header before the first message.
     */
    get: {
      parameters: {
        query?: {
          department?: string;
        };
        header?: never;
        path: {
          token: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              agent: {
                [key: string]: unknown;
              } | null;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/agent.status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Set an agent available or not
     * @description Rocket.Chat's route, same body and answer; toggles or sets statusLivechat; managers may set another agent's.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            agentId?: string;
            status?: 'available' | 'not-available';
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              status: string;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/agents/{agentId}/departments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The agent's department links, with each department's name and enabled flag
     * @description Rocket.Chat's route, same body and answer; the agent's departments.
     */
    get: {
      parameters: {
        query?: {
          enabledDepartmentsOnly?: string;
        };
        header?: never;
        path: {
          agentId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              departments: {
                [key: string]: unknown;
              }[];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/analytics/agent-overview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Rocket.Chat's agent overview: one figure per agent
     * @description Rocket.Chat's: `name` is Total_conversations, Avg_chat_duration, Total_messages, Avg_first_response_time, Best_first_response_time, Avg_response_time or Avg_reaction_time; another name answers `{ success: true }`.
     */
    get: {
      parameters: {
        query: {
          departmentId?: string;
          /** @description A day (YYYY-MM-DD), UTC */
          from: string;
          /** @description The report's name (Rocket.Chat's i18n key) */
          name: string;
          /** @description A day (YYYY-MM-DD), UTC */
          to: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json':
              | {
                  data: {
                    name: string;
                    value: string | number;
                  }[];
                  head: {
                    name: string;
                  }[];
                  success: boolean;
                }
              | {
                  success: boolean;
                };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/analytics/dashboards/agents-productivity-totalizers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Rocket.Chat's agents' productivity totalizers
     * @description Rocket.Chat's: the busiest hour, agents' available time (not kept: 00:00:00) and average service time.
     */
    get: {
      parameters: {
        query: {
          departmentId?: string;
          /** @description A date (ISO 8601) */
          end: string;
          /** @description A date (ISO 8601) */
          start: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              success: boolean;
              totalizers: {
                title: string;
                value: string | number;
              }[];
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/analytics/dashboards/charts/agents-status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Rocket.Chat's agents-status chart: agents by status now
     * @description Rocket.Chat's route, same body and answer; available, away, busy, offline.
     */
    get: {
      parameters: {
        query?: {
          departmentId?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              available: number;
              away: number;
              busy: number;
              offline: number;
              success: boolean;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/analytics/dashboards/charts/chats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Rocket.Chat's chats chart: rooms started in the range by state
     * @description Rocket.Chat's route, same body and answer; open, closed, queued, on hold.
     */
    get: {
      parameters: {
        query: {
          departmentId?: string;
          /** @description A date (ISO 8601) */
          end: string;
          /** @description A date (ISO 8601) */
          start: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              closed: number;
              onhold: number;
              open: number;
              queued: number;
              success: boolean;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/analytics/dashboards/charts/chats-per-agent': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Rocket.Chat's chats-per-agent chart
     * @description Rocket.Chat's: the range's open and closed chats keyed by the serving agent's username (an agent with closed chats has no `onhold`, as in Rocket.Chat).
     */
    get: {
      parameters: {
        query: {
          departmentId?: string;
          /** @description A date (ISO 8601) */
          end: string;
          /** @description A date (ISO 8601) */
          start: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              success: boolean;
            } & {
              [key: string]: {
                closed: number;
                onhold?: number;
                open: number;
              };
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/analytics/dashboards/charts/chats-per-department': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Rocket.Chat's chats-per-department chart
     * @description Rocket.Chat's: the range's open and closed chats keyed by department name.
     */
    get: {
      parameters: {
        query: {
          departmentId?: string;
          /** @description A date (ISO 8601) */
          end: string;
          /** @description A date (ISO 8601) */
          start: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              success: boolean;
            } & {
              [key: string]: {
                closed: number;
                open: number;
              };
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/analytics/dashboards/charts/timings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Rocket.Chat's timings chart: response, reaction and duration (seconds) of the range's rooms
     * @description Rocket.Chat's route, same body and answer; averages and longest, in seconds.
     */
    get: {
      parameters: {
        query?: {
          departmentId?: string;
          /** @description A date (ISO 8601) */
          end?: string;
          /** @description A date (ISO 8601) */
          start?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              chatDuration: {
                avg: number;
                longest: number;
              };
              reaction: {
                avg: number;
                longest: number;
              };
              response: {
                avg: number;
                longest: number;
              };
              success: boolean;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/analytics/dashboards/chats-totalizers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Rocket.Chat's chats totalizers
     * @description Rocket.Chat's: abandoned chats (silent visitor for Livechat_visitor_inactivity_timeout), their share, chat duration.
     */
    get: {
      parameters: {
        query: {
          departmentId?: string;
          /** @description A date (ISO 8601) */
          end: string;
          /** @description A date (ISO 8601) */
          start: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              success: boolean;
              totalizers: {
                title: string;
                value: string | number;
              }[];
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/analytics/dashboards/conversation-totalizers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Rocket.Chat's conversation totalizers
     * @description Rocket.Chat's: conversations, open, on hold, messages (whole days), and visitors seen in the range.
     */
    get: {
      parameters: {
        query: {
          departmentId?: string;
          /** @description A date (ISO 8601) */
          end: string;
          /** @description A date (ISO 8601) */
          start: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              success: boolean;
              totalizers: {
                title: string;
                value: string | number;
              }[];
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/analytics/dashboards/productivity-totalizers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Rocket.Chat's productivity totalizers
     * @description Rocket.Chat's: average response, first response, reaction and waiting time (HH:MM:SS).
     */
    get: {
      parameters: {
        query: {
          departmentId?: string;
          /** @description A date (ISO 8601) */
          end: string;
          /** @description A date (ISO 8601) */
          start: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              success: boolean;
              totalizers: {
                title: string;
                value: string | number;
              }[];
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/analytics/overview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Rocket.Chat's analytics overview: a bare array of { title, value }
     * @description Rocket.Chat's: `name` is Conversations or Productivity; the answer is the array itself (no `success` key); another name answers `{ success: true }`.
     */
    get: {
      parameters: {
        query: {
          departmentId?: string;
          /** @description A day (YYYY-MM-DD), UTC */
          from: string;
          /** @description The report's name (Rocket.Chat's i18n key) */
          name: string;
          /** @description A day (YYYY-MM-DD), UTC */
          to: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json':
              | {
                  title: string;
                  value: string | number;
                }[]
              | {
                  success: boolean;
                };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/appearance': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The widget's appearance settings
     * @description Rocket.Chat's list of appearance settings (title, colours, offline and registration texts, message limit) followed by Omnihook's own (button and bubble colours, welcome text, registration field modes), each as { _id, value, type, packageValue, public }.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              appearance: ({
                _id: string;
                packageValue: unknown;
                public: boolean;
                type: string;
                value: unknown;
              } & {
                [key: string]: unknown;
              })[];
              /** @enum {boolean} */
              success: true;
            } & {
              [key: string]: unknown;
            };
          };
        };
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    /**
     * Change the widget's appearance settings
     * @description Every _id must be in GET livechat/appearance's list, else nothing is saved (invalid-setting). Booleans accept 'true', ints are parsed as Rocket.Chat parses them, and each value is then checked against its setting's type (error-invalid-setting).
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            _id: string;
            value: string | boolean | number | string[];
          }[];
        };
      };
      responses: {
        /** @description Saved */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/business-hour': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One business hour: the default one, or a custom one by _id
     * @description Without type (or type=default) the global schedule; type=custom with _id a department schedule and its departments. `businessHour` is null when there is none, as Rocket.Chat answers.
     */
    get: {
      parameters: {
        query?: {
          _id?: string;
          type?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              businessHour:
                | ({
                    _id: string;
                    active: boolean;
                    name: string;
                    timezone: {
                      name: string;
                      utc: string;
                    } & {
                      [key: string]: unknown;
                    };
                    type: 'default' | 'custom';
                    workHours: {
                      [key: string]: unknown;
                    }[];
                  } & {
                    [key: string]: unknown;
                  })
                | null;
              /** @enum {boolean} */
              success: true;
            } & {
              [key: string]: unknown;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/business-hours': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every business hour, by name; name filters (contains, any case)
     * @description The default schedule (empty name) comes first; each custom one lists its departments.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          name?: string;
          offset?: number;
          sort?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              businessHours: ({
                _id: string;
                active: boolean;
                name: string;
                timezone: {
                  name: string;
                  utc: string;
                } & {
                  [key: string]: unknown;
                };
                type: 'default' | 'custom';
                workHours: {
                  [key: string]: unknown;
                }[];
              } & {
                [key: string]: unknown;
              })[];
              count: number;
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
            } & {
              [key: string]: unknown;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/business-hours.remove': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Remove a custom business hour
     * @description Its departments follow the default schedule again. The default one cannot be removed.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            _id: string;
            type?: 'default' | 'custom';
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/business-hours.save': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Save a business hour (the default one, or a custom one)
     * @description type default edits the global schedule; type custom creates one (no _id) or updates it, with its name (unique) and the departments that follow it (departmentsToApplyBusinessHour, comma-separated ids or a list; a department leaves any schedule it followed before). Each weekday is open or closed, start and finish HH:mm in the time zone (timezoneName, an IANA name); a finish before the start runs past midnight, 23:59 means the end of the day. A weekday not sent is closed.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            _id?: string;
            active?: boolean;
            departmentsToApplyBusinessHour?: string | string[];
            name?: string;
            timezone?:
              | string
              | ({
                  name: string;
                } & {
                  [key: string]: unknown;
                });
            timezoneName?: string;
            type?: 'default' | 'custom';
            workHours: ({
              day: 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday' | 'Sunday';
              /** @description HH:mm, wall clock */
              finish: string;
              open: boolean;
              /** @description HH:mm, wall clock */
              start: string;
            } & {
              [key: string]: unknown;
            })[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              businessHour: {
                _id: string;
                active: boolean;
                name: string;
                timezone: {
                  name: string;
                  utc: string;
                } & {
                  [key: string]: unknown;
                };
                type: 'default' | 'custom';
                workHours: {
                  [key: string]: unknown;
                }[];
              } & {
                [key: string]: unknown;
              };
              /** @enum {boolean} */
              success: true;
            } & {
              [key: string]: unknown;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/config': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The widget's configuration
     * @description Rocket.Chat's livechat API, same body and answer; whether livechat is on, online agents, departments, theme, messages and triggers; with a token also the visitor and their room.
     */
    get: {
      parameters: {
        query?: {
          businessUnit?: string;
          department?: string;
          token?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              config: {
                enabled: boolean;
                online: boolean;
              } & {
                [key: string]: unknown;
              };
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/custom-fields': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Custom fields, by label; text matches label or id
     * @description Rocket.Chat's route, same body and answer; paged.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          offset?: number;
          query?: string;
          sort?: string;
          text?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              customFields: ({
                _id: string;
              } & {
                [key: string]: unknown;
              })[];
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/custom-fields.delete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Delete a custom field
     * @description Rocket.Chat's route, same body and answer; by id.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            customFieldId: string;
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/custom-fields.save': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create a custom field (customFieldId null) or update one
     * @description Rocket.Chat's route, same body and answer; a field's label, scope, visibility, regexp and options.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            customFieldData: {
              defaultValue?: string;
              field: string;
              label: string;
              options?: string;
              public?: boolean;
              regexp?: string;
              required?: boolean;
              scope: 'visitor' | 'room';
              searchable?: boolean;
              type?: string;
              visibility: string;
            };
            customFieldId?: string | null;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              customField: {
                _id: string;
              } & {
                [key: string]: unknown;
              };
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/custom-fields/{_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One custom field, or null
     * @description Rocket.Chat's route, same body and answer; by id.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              customField:
                | ({
                    _id: string;
                  } & {
                    [key: string]: unknown;
                  })
                | null;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/custom.field': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Set one of the visitor's custom fields
     * @description Rocket.Chat's livechat API, same body and answer; sets a custom field on the visitor and, for room-scoped fields, on their open room.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            token: string;
          } & {
            key: string;
            overwrite: boolean;
            value: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              field: {
                key: string;
                overwrite: boolean;
                value: unknown;
              };
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/custom.fields': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Set several of the visitor's custom fields
     * @description Rocket.Chat's livechat API, same body and answer; the same as custom.field for a list of fields.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            customFields: {
              key: string;
              overwrite: boolean;
              value: string;
            }[];
            token: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              fields: {
                Key: string;
                overwrite: boolean;
                value: unknown;
              }[];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/dashboard': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Now (waiting, open chats, agents' load) and the range's chats and timings (default: today, UTC)
     * @description Ours: the Dashboard page's numbers in one answer.
     */
    get: {
      parameters: {
        query?: {
          /** @description A date (ISO 8601) */
          end?: string;
          /** @description A date (ISO 8601) */
          start?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              agents: {
                _id: string;
                name: string;
                online: boolean;
                openChats: number;
                statusLivechat: string;
                username: string;
              }[];
              agentsStatus: {
                available: number;
                away: number;
                busy: number;
                connected: number;
                offline: number;
              };
              chatDuration: {
                avg: number;
                count: number;
                longest: number;
              };
              chats: {
                closed: number;
                open: number;
                queued: number;
                started: number;
              };
              departments: {
                _id: string | null;
                name: string;
                open: number;
                queued: number;
              }[];
              firstResponse: {
                avg: number;
                count: number;
                longest: number;
              };
              generatedAt: string;
              range: {
                end: string;
                start: string;
              };
              reaction: {
                avg: number;
                count: number;
                longest: number;
              };
              success: boolean;
              waiting: {
                count: number;
                oldestSince: string | null;
                oldestWaitSeconds: number;
              };
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/department': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List departments (text matches the name; enabled=true lists only enabled ones; archived ones only with showArchived=true)
     * @description Rocket.Chat's route, same body and answer; paged.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          enabled?: boolean;
          excludeDepartmentId?: string;
          offset?: number;
          onlyMyDepartments?: string;
          showArchived?: string;
          text?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              departments: components['schemas']['Department'][];
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    /**
     * Create a department, optionally with agents
     * @description Rocket.Chat's route, same body and answer; the department and its agents.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            agents?: {
              agentId: string;
              count?: number;
              order?: number;
              username?: string;
            }[];
            department: {
              allowReceiveForwardOffline?: boolean;
              departmentsAllowedToForward?: string[];
              description?: string;
              email?: '' | string;
              enabled: boolean;
              fallbackForwardDepartment?: '' | string;
              maxNumberSimultaneousChat?: number;
              name: string;
              requestTagBeforeClosingChat?: boolean;
              showOnOfflineForm: boolean;
              showOnRegistration: boolean;
            };
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              agents: {
                [key: string]: unknown;
              }[];
              department: components['schemas']['Department'];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/department.autocomplete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Departments whose name contains selector.term, as { _id, name }, by name (at most 500)
     * @description Rocket.Chat's route, same body and answer; for pickers.
     */
    get: {
      parameters: {
        query?: {
          onlyMyDepartments?: string;
          selector?: string;
          showArchived?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: ({
                _id: string;
                name: string;
              } & {
                [key: string]: unknown;
              })[];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/department.listByIds': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The departments with these ids (ids[]=a&ids[]=b or ids=a&ids=b), in creation order
     * @description Rocket.Chat's route, same body and answer; for showing names of ids held.
     */
    get: {
      parameters: {
        query?: {
          fields?: string;
          ids?: string[];
          'ids[]'?: string[];
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              departments?: ({
                _id: string;
              } & {
                [key: string]: unknown;
              })[];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/department/{_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One department with its agents; department is null when the id is unknown
     * @description Rocket.Chat's route, same body and answer; includeAgents=false leaves the agents out.
     */
    get: {
      parameters: {
        query?: {
          includeAgents?: boolean;
        };
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              agents?: {
                [key: string]: unknown;
              }[];
              department: components['schemas']['Department'] | (never | null);
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    /**
     * Replace the department fields; agents listed are added or updated
     * @description Rocket.Chat's route, same body and answer; the whole department record.
     */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            agents?: {
              agentId: string;
              count?: number;
              order?: number;
              username?: string;
            }[];
            department: {
              allowReceiveForwardOffline?: boolean;
              departmentsAllowedToForward?: string[];
              description?: string;
              email?: '' | string;
              enabled: boolean;
              fallbackForwardDepartment?: '' | string;
              maxNumberSimultaneousChat?: number;
              name: string;
              requestTagBeforeClosingChat?: boolean;
              showOnOfflineForm: boolean;
              showOnRegistration: boolean;
            };
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              agents: {
                [key: string]: unknown;
              }[];
              department: components['schemas']['Department'];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    post?: never;
    /**
     * Delete a department and its agent links (when Omnichannel_enable_department_removal is on)
     * @description Rocket.Chat's route, same body and answer; open chats keep their department id.
     */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/department/{_id}/agents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The department's agents, by order then username
     * @description Rocket.Chat's route, same body and answer; paged.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          offset?: number;
        };
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              agents: {
                [key: string]: unknown;
              }[];
              count: number;
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    /**
     * Add, update and remove agents in one change
     * @description Rocket.Chat's route, same body and answer; upsert and remove lists.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            remove?: {
              agentId: string;
              username?: string;
            }[];
            upsert?: {
              agentId: string;
              count?: number;
              order?: number;
              username?: string;
            }[];
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/department/{_id}/archive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Archive a department: it is disabled and leaves the lists
     * @description Rocket.Chat's route, same body and answer; archived departments take no new chats.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/department/{_id}/unarchive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Unarchive a department: back in the lists, still disabled
     * @description Rocket.Chat's route, same body and answer; enable it again with PUT.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/department/isDepartmentCreationAvailable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Whether another department may be created (always: Omnihook has no cap)
     * @description Rocket.Chat's route (limited in its community edition); here always true.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              isDepartmentCreationAvailable: boolean;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/departments/archived': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The archived departments (text matches the name)
     * @description Rocket.Chat's route, same body and answer; paged.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          excludeDepartmentId?: string;
          offset?: number;
          onlyMyDepartments?: string;
          text?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              departments: components['schemas']['Department'][];
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/inquiries.getOne': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A room's inquiry, or null
     * @description Rocket.Chat's route, same body and answer; the inquiry of a room, queued or taken.
     */
    get: {
      parameters: {
        query: {
          roomId: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              inquiry: components['schemas']['Inquiry'] | (never | null);
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/inquiries.list': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every queued inquiry (managers), newest first; department by id or name
     * @description Rocket.Chat's route, same body and answer; paged.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          department?: string;
          offset?: number;
          sort?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              inquiries: components['schemas']['Inquiry'][];
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/inquiries.queued': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The queue the caller may take from
     * @description Rocket.Chat's route, same body and answer; queued inquiries, filtered by department, oldest first.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          department?: string;
          offset?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              inquiries: components['schemas']['Inquiry'][];
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/inquiries.queuedForUser': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Queued inquiries of the caller's departments and the public queue, oldest first
     * @description Rocket.Chat's route, same body and answer; paged.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          department?: string;
          offset?: number;
          sort?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              inquiries: components['schemas']['Inquiry'][];
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/inquiries.take': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Take a queued inquiry
     * @description Rocket.Chat's route, same body and answer; the caller (or userId, for managers) becomes the room's agent; a concurrent take loses with error-inquiry-taken.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            inquiryId: string;
            userId?: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              inquiry: {
                _id: string;
                rid: string;
                /** @enum {string} */
                status: 'taken';
              };
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/integrations.settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The Webhooks page settings (URL, token, timeout, the 8 event flags)
     * @description Rocket.Chat's integrations.settings: the Webhooks page's values.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              settings: components['schemas']['Setting'][];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/message': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The visitor sends a message
     * @description Rocket.Chat's livechat API, same body and answer; adds the message to the visitor's open room; its CRM webhook is queued in the same transaction.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            _id?: string;
            msg: string;
            rid: string;
            token: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              message: components['schemas']['Message'];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/message/{_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * The visitor edits their message
     * @description Rocket.Chat's livechat API, same body and answer; changes the text of one of the visitor's own messages.
     */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            msg: string;
            rid: string;
            token: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              message: {
                [key: string]: unknown;
              };
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        404: components['responses']['NotFound'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    post?: never;
    /**
     * The visitor deletes their message
     * @description Rocket.Chat's livechat API, same body and answer; removes one of the visitor's own messages.
     */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            rid: string;
            token: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              message: {
                [key: string]: unknown;
              };
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        404: components['responses']['NotFound'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/message/{tmid}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One message of the visitor's room
     * @description Rocket.Chat's livechat API, same body and answer; the message with that id in the room of the token.
     */
    get: {
      parameters: {
        query: {
          rid: string;
          token: string;
        };
        header?: never;
        path: {
          tmid: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              message: components['schemas']['Message'] | (never | null);
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Post visitor messages, in order, into the token's open room (created when missing)
     * @description Rocket.Chat's route, same body and answer; imports visitor messages (e.g. from another channel) into the token's room.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            messages: {
              msg: string;
            }[];
            visitor: {
              token: string;
            };
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              messages: ({
                msg: string;
              } & {
                [key: string]: unknown;
              })[];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/messages.history/{rid}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Messages of a room, newest first (visitor token, or staff login); `end` pages back
     * @description Rocket.Chat's livechat API, same body and answer; pages back with end (a date) and limit; ls marks the last seen message.
     */
    get: {
      parameters: {
        query?: {
          end?: string;
          limit?: number;
          ls?: string;
          offset?: number;
          token?: string;
        };
        header?: never;
        path: {
          rid: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              messages: components['schemas']['Message'][];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/offline-messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List offline messages, newest first (handled=false: only the open ones)
     * @description Ours: the offline form submissions, for the staff console.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          handled?: boolean;
          offset?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              messages: ({
                _id: string;
              } & {
                [key: string]: unknown;
              })[];
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/offline-messages/{_id}/handled': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mark an offline message handled (handled=false reopens it)
     * @description Ours: marks who handled the offline message and when.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            handled: boolean;
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        /** @description No offline message with that id (error-invalid-offline-message) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/offline.message': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Leave a message while no agent is online
     * @description Rocket.Chat's livechat API, same body and answer; stores the offline form, e-mails it when configured and queues its webhook (LivechatOfflineMessage).
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            department?: string;
            email: string;
            host?: string;
            message: string;
            name: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              message: string;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/page.visited': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Report a page the visitor opened
     * @description Rocket.Chat's livechat API, same body and answer; records the page for the agent's view of the visitor's navigation.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            pageInfo: {
              change: string;
              location: {
                href: string;
              };
              title: string;
            };
            rid?: string;
            token: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              page?: {
                [key: string]: unknown;
              };
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/queue': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Open chats per serving agent and department (available agents unless includeOfflineAgents)
     * @description Rocket.Chat's route, same body and answer; the load of each agent, for the queue page.
     */
    get: {
      parameters: {
        query?: {
          agentId?: string;
          count?: number;
          departmentId?: string;
          includeOfflineAgents?: string;
          offset?: number;
          sort?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              offset: number;
              queue: {
                [key: string]: unknown;
              }[];
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/room': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The visitor's open room, or a new one (newRoom: true)
     * @description Rocket.Chat's livechat API, same body and answer; returns the open room of the token, or opens one (routing picks an agent or queues the inquiry).
     */
    get: {
      parameters: {
        query: {
          agentId?: string;
          rid?: string;
          token: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              newRoom: boolean;
              room: components['schemas']['Room'];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        /** @description Unknown token (invalid-token), or livechat is off (error-livechat-disabled) */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        401: components['responses']['Unauthorized'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/room.close': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The visitor closes their room
     * @description Rocket.Chat's livechat API, same body and answer; closes the room when visitors may close conversations (Omnichannel_allow_visitors_to_close_conversation).
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            rid: string;
            token: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              comment: string;
              rid: string;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/room.closeByUser': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * An agent closes a chat
     * @description Rocket.Chat's route, same body and answer; closes with an optional comment and tags, as the department requires.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            comment?: string;
            forceClose?: boolean;
            rid: string;
            tags?: string[];
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/room.forward': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Forward a chat to an agent or a department
     * @description Rocket.Chat's route, same body and answer; moves the chat, records the transfer and queues LivechatSessionForwarded.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            comment?: string;
            departmentId?: string;
            roomId: string;
            userId?: string;
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/room.join': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Join a chat (Rocket.Chat livechat/room.join)
     * @description Rocket.Chat's route, same body and answer; a manager joins a chat as its agent.
     */
    get: {
      parameters: {
        query: {
          roomId: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/room.note': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Add an internal note (staff only) to a chat
     * @description Ours: a note staff see in the chat; the visitor never does.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            msg: string;
            rid: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              message: components['schemas']['Message'];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/room.saveInfo': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Save a chat's and its visitor's details
     * @description Rocket.Chat's route, same body and answer; topic, tags and custom fields of the room, name, e-mail and phone of the visitor.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            guestData: {
              _id: string;
              email?: string;
              livechatData?: {
                [key: string]: string;
              };
              name?: string;
              phone?: string;
            };
            roomData: {
              _id: string;
              livechatData?: {
                [key: string]: string;
              };
              tags?: string[];
              topic?: string;
            };
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/room.survey': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The visitor's satisfaction survey answers, stored on the room (Rocket.Chat's surveyFeedback)
     * @description Rocket.Chat's livechat API, same body and answer; stores the answers the widget's survey form gives after a chat.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            data: {
              name: string;
              value: string;
            }[];
            rid: string;
            token: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description The answers kept, by item name (additionalFeedback: the comment) */
              data: {
                [key: string]: string;
              };
              rid: string;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/room.transfer': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The visitor moves their room to another department
     * @description Rocket.Chat's livechat API, same body and answer; moves the visitor's open room to another department, when the setting allows it.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            department: string;
            rid: string;
            token: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              room: {
                _id: string;
              } & {
                [key: string]: unknown;
              };
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/rooms': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List chats (Rocket.Chat livechat/rooms); `text` is ours
     * @description Rocket.Chat's route, same body and answer; filtered by state, agents, department, dates, tags and custom fields; sorted and paged.
     */
    get: {
      parameters: {
        query?: {
          agents?: string[];
          'agents[]'?: string[];
          closedAt?: string;
          count?: number;
          createdAt?: string;
          customFields?: string;
          departmentId?: string;
          fields?: string;
          offset?: number;
          onhold?: boolean;
          open?: boolean;
          queued?: boolean;
          roomName?: string;
          sort?: string;
          tags?: string[];
          'tags[]'?: string[];
          /** @description Ours: visitor name, username, email or any message text */
          text?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              offset: number;
              rooms: components['schemas']['Room'][];
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/rooms/filters': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The sources rooms came from, to filter the room list by
     * @description Rocket.Chat's route, same body and answer; the distinct room sources.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              filters: {
                [key: string]: unknown;
              }[];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/tags': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Tags; department lists global tags plus that department’s
     * @description Rocket.Chat's route, same body and answer; paged.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          department?: string;
          offset?: number;
          text?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              offset: number;
              /** @enum {boolean} */
              success: true;
              tags: ({
                _id: string;
                name: string;
              } & {
                [key: string]: unknown;
              })[];
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/tags.delete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Remove a tag
     * @description Rocket.Chat's route, same body and answer; by id.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            id: string;
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/tags.save': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create a tag, or update it when _id is given (ours: livechat:saveTag as REST)
     * @description A tag's name, description and departments.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            _id?: string;
            tagData: {
              description?: string;
              name: string;
            };
            tagDepartments?: string[];
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
              tag: {
                _id: string;
                name: string;
              } & {
                [key: string]: unknown;
              };
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/tags/{tagId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One tag, or null
     * @description Rocket.Chat's route, same body and answer; by id.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          tagId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json':
              | ({
                  _id: string;
                  name: string;
                } & {
                  [key: string]: unknown;
                })
              | null;
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/transcript': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Email the conversation to the visitor (SMTP settings)
     * @description Rocket.Chat's livechat API, same body and answer; sends the conversation to the e-mail given, through the SMTP settings.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            email: string;
            rid: string;
            token: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              message: string;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        429: components['responses']['TooManyRequests'];
        /** @description The SMTP server refused the mail or could not be reached (error-sending-transcript) */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/transcript/{rid}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Ours: the transcript to read (lines as the visitor saw them) and its request, if any
     * @description The transcript as the staff console shows it, and the pending or sent e-mail request.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          rid: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
              transcript: components['schemas']['Transcript'];
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    /**
     * Email the transcript to this address when the open chat closes
     * @description Rocket.Chat's route, same body and answer; stores a transcript request on the open chat; it is mailed on close.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          rid: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            email: string;
            subject: string;
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    /**
     * Withdraw the transcript request of an open chat
     * @description Rocket.Chat's route, same body and answer; removes the pending transcript request.
     */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          rid: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/transcript/{rid}/download': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Ours: the transcript as a file, plain text or a printable HTML page
     * @description The transcript as an attachment: format=txt (default) or html.
     */
    get: {
      parameters: {
        query?: {
          format?: 'txt' | 'html';
        };
        header?: never;
        path: {
          rid: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/html': string;
            'text/plain': string;
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/transcript/{rid}/email': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Ours: email the transcript now (the SMTP settings)
     * @description Sends the transcript to the address given at once, through the SMTP settings.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          rid: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            email: string;
            subject?: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              message: string;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        429: components['responses']['TooManyRequests'];
        /** @description The SMTP server refused the mail or could not be reached (error-sending-transcript) */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/transfer.history/{rid}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A chat's forwards (Rocket.Chat livechat/transfer.history)
     * @description Rocket.Chat's route, same body and answer; each forward of the chat, newest first.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          offset?: number;
          sort?: string;
        };
        header?: never;
        path: {
          rid: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              history: {
                [key: string]: unknown;
              }[];
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/triggers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Triggers, by name
     * @description Every trigger, enabled or not, paged (count, offset) and sorted by name unless `sort` says otherwise (Rocket.Chat JSON, e.g. {"name":-1}).
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          offset?: number;
          query?: string;
          sort?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              offset: number;
              success: boolean;
              total: number;
              triggers: ({
                _id: string;
                /** Format: date-time */
                _updatedAt: string;
                actions: {
                  [key: string]: unknown;
                }[];
                conditions: {
                  [key: string]: unknown;
                }[];
                description: string;
                enabled: boolean;
                name: string;
                runOnce: boolean;
              } & {
                [key: string]: unknown;
              })[];
            } & {
              [key: string]: unknown;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    /**
     * Save a trigger: create it, or update it when _id is given
     * @description Rocket.Chat answers only { success: true }, also for an _id that matches no trigger (nothing changes). Ours refuses, with error-invalid-trigger, a blank name, a page-url pattern that is not a valid regular expression and a time-on-site value that is not a whole number of seconds.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            _id?: string | null;
            actions: (
              | {
                  /** @enum {string} */
                  name: 'send-message';
                  params?: {
                    msg: string;
                    name?: string | null;
                    sender: 'queue' | 'custom';
                  } | null;
                }
              | {
                  /** @enum {string} */
                  name: 'use-external-service';
                  params?: {
                    name?: string | null;
                    sender?: 'queue' | 'custom';
                    serviceFallbackMessage: string;
                    serviceTimeout: number;
                    serviceUrl: string;
                  } | null;
                }
            )[];
            conditions: {
              name: 'time-on-site' | 'page-url' | 'chat-opened-by-visitor' | 'after-guest-registration';
              value: string | null;
            }[];
            description: string;
            enabled: boolean;
            name: string;
            runOnce: boolean;
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              success: boolean;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/triggers/{_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One trigger; null when unknown
     * @description As Rocket.Chat: { trigger: null, success: true } for an unknown id, never a 404.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              success: boolean;
              trigger:
                | ({
                    _id: string;
                    /** Format: date-time */
                    _updatedAt: string;
                    actions: {
                      [key: string]: unknown;
                    }[];
                    conditions: {
                      [key: string]: unknown;
                    }[];
                    description: string;
                    enabled: boolean;
                    name: string;
                    runOnce: boolean;
                  } & {
                    [key: string]: unknown;
                  })
                | null;
            } & {
              [key: string]: unknown;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    /**
     * Delete a trigger
     * @description As Rocket.Chat: success also when no trigger has that id.
     */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              success: boolean;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/typing': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The agent is typing (or stopped) in a room; the visitor sees it live
     * @description Ours: a typing signal for the visitor; nothing is stored.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            rid: string;
            typing: boolean;
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/upload/{rid}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Visitor file upload (multipart field `file`, header x-visitor-token)
     * @description Rocket.Chat's livechat API, same body and answer; a multipart upload into the visitor's open room, within FileUpload_MaxFileSize and FileUpload_MediaTypeWhiteList.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          rid: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              message: components['schemas']['Message'];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        404: components['responses']['NotFound'];
        /** @description The file is larger than the request limit (error-payload-too-large) */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/users/{type}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List agents or managers (text filters username and name)
     * @description Rocket.Chat's route, same body and answer; type is agent or manager; paged.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          offset?: number;
          text?: string;
        };
        header?: never;
        path: {
          type: 'agent' | 'manager';
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
              users: components['schemas']['Agent'][];
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    /**
     * Give a user the livechat-agent or livechat-manager role
     * @description Rocket.Chat's route, same body and answer; by username.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          type: 'agent' | 'manager';
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            username: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
              user: {
                _id: string;
              } & {
                [key: string]: unknown;
              };
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/users/{type}/{_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One agent or manager; user is null when the user does not hold that role
     * @description Rocket.Chat's route, same body and answer; by user id.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
          type: 'agent' | 'manager';
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
              user: components['schemas']['Agent'] | (never | null);
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    /**
     * Take the role away (an agent also leaves every department)
     * @description Rocket.Chat's route, same body and answer; by user id.
     */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
          type: 'agent' | 'manager';
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/visitor': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Register or update the visitor of a token (idempotent upsert)
     * @description Rocket.Chat's livechat API, same body and answer; creates the visitor of this token or updates their name, e-mail, phone, department and custom fields.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            visitor: {
              customFields?: {
                key: string;
                overwrite: boolean;
                value: string;
              }[];
              department?: string;
              email?: string;
              name?: string;
              phone?:
                | string
                | {
                    number: string;
                  };
              token: string;
              username?: string;
            };
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
              visitor: components['schemas']['Visitor'];
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/visitor.status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Set the visitor's status
     * @description Rocket.Chat's livechat API, same body and answer; online, away or offline, as the widget reports it.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            status: string;
            token: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              status: string;
              /** @enum {boolean} */
              success: true;
              token: string;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/visitor.typing': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The visitor is typing (or stopped) in their room; the room's agent sees it live
     * @description Shows the agent that the visitor is typing; nothing is stored.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            rid: string;
            token: string;
            typing: boolean;
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/visitor/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The visitor of a token
     * @description Rocket.Chat's livechat API, same body and answer; the visitor record, or an error when the token is unknown.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          token: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
              visitor: components['schemas']['Visitor'];
            };
          };
        };
        /** @description The token is unknown (invalid-token) */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        401: components['responses']['Unauthorized'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    /**
     * Remove my data: the visitor and their conversations
     * @description Rocket.Chat's livechat API, same body and answer; refused while the visitor has an open room (visitor-has-open-rooms).
     */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          token: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
              visitor: {
                [key: string]: unknown;
              };
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/visitor/{token}/room': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The visitor's open rooms (an unknown token has none)
     * @description Rocket.Chat's route, same body and answer; for staff, by visitor token.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          token: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              rooms: ({
                _id: string;
              } & {
                [key: string]: unknown;
              })[];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/visitors.autocomplete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Up to ten visitors whose name starts with selector.term
     * @description Rocket.Chat's route, same body and answer; for pickers.
     */
    get: {
      parameters: {
        query: {
          selector: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              items: ({
                _id: string;
              } & {
                [key: string]: unknown;
              })[];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/visitors.chatHistory/room/{roomId}/visitor/{visitorId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The visitor's chats (rooms), newest first
     * @description Rocket.Chat's route, same body and answer; the visitor's other chats, paged.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          offset?: number;
        };
        header?: never;
        path: {
          roomId: string;
          visitorId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              history: ({
                _id: string;
              } & {
                [key: string]: unknown;
              })[];
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/visitors.info': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A visitor, by id
     * @description Rocket.Chat's route, same body and answer; the visitor record by id.
     */
    get: {
      parameters: {
        query: {
          visitorId: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
              visitor: components['schemas']['Visitor'];
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/visitors.pagesVisited/{roomId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Pages the visitor reported during (and just before) the chat, newest first
     * @description Rocket.Chat's route, same body and answer; paged navigation history.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          offset?: number;
        };
        header?: never;
        path: {
          roomId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              offset: number;
              pages: {
                [key: string]: unknown;
              }[];
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/visitors.search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Visitors by exact email or phone, or part of the name or username (newest first)
     * @description Rocket.Chat's route, same body and answer; paged.
     */
    get: {
      parameters: {
        query: {
          count?: number;
          offset?: number;
          sort?: string;
          term: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
              visitors: ({
                _id: string;
              } & {
                [key: string]: unknown;
              })[];
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/visitors.searchChats/room/{roomId}/visitor/{visitorId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The visitor's chats, searched by message text, closed or served only, or by source
     * @description Rocket.Chat's route, same body and answer; paged.
     */
    get: {
      parameters: {
        query?: {
          closedChatsOnly?: string;
          count?: number;
          offset?: number;
          searchText?: string;
          servedChatsOnly?: string;
          sort?: string;
          source?: string;
        };
        header?: never;
        path: {
          roomId: string;
          visitorId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              history: ({
                _id: string;
              } & {
                [key: string]: unknown;
              })[];
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/livechat/webhook.test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * POST the sample LivechatSession payload once to the configured URL
     * @description Rocket.Chat's webhook.test: one synchronous POST of the sample payload; the receiver's refusal is an error.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        /** @description No URL configured (error-webhook-not-configured) or the receiver refused (error-webhook-test-failed) */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Log in (Rocket.Chat's shape); returns userId and authToken
     * @description Checks the username (or e-mail) and password and opens a session. Send the answer's userId and authToken as X-User-Id and X-Auth-Token on every staff call. Repeated failures from one address are slowed down.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            password: string;
            user?: string;
            username?: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                authToken: string;
                me: components['schemas']['StaffUser'];
                userId: string;
              };
              /** @enum {string} */
              status: 'success';
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        429: components['responses']['TooManyRequests'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Log out: end this session
     * @description Ends the session of the X-Auth-Token sent; the agent stops taking chats and its live streams end.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                message: string;
              };
              /** @enum {string} */
              status: 'success';
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The logged-in user
     * @description Rocket.Chat's me route: the caller's user record (never its password or tokens).
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              _id: string;
              active: boolean;
              emails?: {
                address: string;
                verified: boolean;
              }[];
              name: string;
              roles: string[];
              status?: string;
              statusLivechat: 'available' | 'not-available';
              /** @enum {boolean} */
              success: true;
              username: string;
            };
          };
        };
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/omnichannel/contacts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create a contact
     * @description Rocket.Chat's route, same body and answer; name, e-mails, phones, manager and custom fields.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            contactManager?: string | null;
            customFields?: Record<string, never> | null;
            emails: string[];
            name: string;
            phones: string[];
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              contactId: string;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/omnichannel/contacts.block': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Block a channel and close its open chat
     * @description Rocket.Chat's route, same body and answer; a blocked channel cannot start chats.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            visitor: {
              source: {
                id?: string;
                type: string;
              };
              visitorId: string;
            };
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/omnichannel/contacts.channels': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The contact’s channels, one per name
     * @description Rocket.Chat's route, same body and answer; with their blocked and verified flags.
     */
    get: {
      parameters: {
        query: {
          contactId: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              channels?: {
                [key: string]: unknown;
              }[];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/omnichannel/contacts.checkExistence': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Whether a contact exists, by id, email or phone
     * @description Rocket.Chat's route, same body and answer; exists: true or false.
     */
    get: {
      parameters: {
        query: {
          contactId: string;
          email: string;
          phone: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              exists: boolean;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/omnichannel/contacts.conflicts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Resolve conflicting fields
     * @description Rocket.Chat's route, same body and answer; picks the value to keep for each conflicting field.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            contactId: string;
            contactManager?: string | null;
            customFields?: Record<string, never> | null;
            name?: string;
            wipeConflicts?: boolean | null;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              result: unknown;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/omnichannel/contacts.delete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Remove a contact with no chats, and its visitors
     * @description Rocket.Chat's route, same body and answer; refused while the contact has chats.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            contactId: string;
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/omnichannel/contacts.get': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One contact
     * @description Rocket.Chat's route, same body and answer; by contactId.
     */
    get: {
      parameters: {
        query: {
          contactId: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              contact:
                | ({
                    _id: string;
                  } & {
                    [key: string]: unknown;
                  })
                | null;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/omnichannel/contacts.history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The contact’s closed chats, newest first
     * @description Rocket.Chat's route, same body and answer; paged.
     */
    get: {
      parameters: {
        query: {
          contactId: string;
          count?: number;
          offset?: number;
          sort?: string;
          source?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              history: {
                [key: string]: unknown;
              }[];
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/omnichannel/contacts.search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Contacts by name, email or phone; known ones unless unknown=true
     * @description Rocket.Chat's route, same body and answer; paged.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          offset?: number;
          searchText?: string;
          sort?: string;
          unknown?: boolean;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              contacts: ({
                _id: string;
              } & {
                [key: string]: unknown;
              })[];
              count: number;
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/omnichannel/contacts.unblock': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Unblock a channel
     * @description Rocket.Chat's route, same body and answer; the channel may chat again.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            visitor: {
              source: {
                id?: string;
                type: string;
              };
              visitorId: string;
            };
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/omnichannel/contacts.update': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Edit a contact; it is known from then on
     * @description Rocket.Chat's route, same body and answer; the fields sent change.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            contactId: string;
            contactManager?: string | null;
            customFields?: Record<string, never> | null;
            emails?: string[] | null;
            name?: string;
            phones?: string[] | null;
            wipeConflicts?: boolean | null;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              contact: {
                _id: string;
              } & {
                [key: string]: unknown;
              };
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/omnichannel/contacts.verifyChannel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Ours: verify a channel by email or phone; contacts verified alike merge
     * @description Marks the channel verified.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            contactId: string;
            /** @enum {string} */
            field: 'email' | 'phone';
            value: string;
            visitor: {
              source: {
                id?: string;
                type: string;
              };
              visitorId: string;
            };
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              contact: {
                _id: string;
              } & {
                [key: string]: unknown;
              };
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/omnichannel/integrations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Save the Webhooks page; only the keys present are written (false saves)
     * @description Rocket.Chat's omnichannel/integrations: writes the Webhooks page settings present in the body.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            LivechatHttpTimeout?: number;
            LivechatSecretToken?: string;
            LivechatWebhookOnAgentMessage?: boolean;
            LivechatWebhookOnChatQueued?: boolean;
            LivechatWebhookOnChatTaken?: boolean;
            LivechatWebhookOnClose?: boolean;
            LivechatWebhookOnForward?: boolean;
            LivechatWebhookOnOfflineMsg?: boolean;
            LivechatWebhookOnStart?: boolean;
            LivechatWebhookOnVisitorMessage?: boolean;
            LivechatWebhookUrl?: string;
          } & {
            [key: string]: unknown;
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/permissions.listAll': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every permission with its roles; updatedSince keeps those changed after it
     * @description Rocket.Chat's permissions.listAll: the permission table.
     */
    get: {
      parameters: {
        query?: {
          updatedSince?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              remove: {
                [key: string]: unknown;
              }[];
              /** @enum {boolean} */
              success: true;
              update: ({
                _id: string;
                roles: string[];
              } & {
                [key: string]: unknown;
              })[];
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/permissions.update': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Set permissions' roles; answers the whole table
     * @description Rocket.Chat's permissions.update: replaces the roles of the permissions listed.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            permissions: {
              _id: string;
              roles: string[];
            }[];
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              permissions: ({
                _id: string;
                roles: string[];
              } & {
                [key: string]: unknown;
              })[];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rooms.info': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One room, for staff
     * @description Rocket.Chat's route, same body and answer; the room record, when the caller may see it.
     */
    get: {
      parameters: {
        query: {
          roomId: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              room: components['schemas']['Room'];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/rooms.upload/{rid}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Agent file upload (multipart field `file`, optional `description`)
     * @description Rocket.Chat's route, same body and answer; multipart, within the upload settings; the visitor sees the file live.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          rid: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              message: components['schemas']['Message'];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The settings this user may read, with values
     * @description Settings with their values, paged; which ones depends on the caller's permissions.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          offset?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              offset: number;
              settings: components['schemas']['Setting'][];
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/settings.public': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The public settings (no login needed)
     * @description Settings any visitor may read, paged.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          offset?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              offset: number;
              settings: components['schemas']['Setting'][];
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/settings/{_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One setting: { _id, value }
     * @description Rocket.Chat's settings/:_id: one setting's current value.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              _id: string;
              /** @enum {boolean} */
              success: true;
              value: unknown;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    /**
     * Change one setting; the value is checked against its type and limits
     * @description Writes one setting; a value of the wrong type or out of range is refused.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            value: boolean | number | string | string[];
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/stream': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Server-Sent Events stream of live changes (staff login or visitor token)
     * @description Server-Sent Events: each live change the caller may see (new messages, room and inquiry changes, delivery updates). Staff may pass userId and authToken in the query because EventSource cannot send headers.
     */
    get: {
      parameters: {
        query?: {
          authToken?: string;
          token?: string;
          userId?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/event-stream': string;
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users.create': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create a staff user
     * @description Creates a user with a username, password, name, e-mail and roles (create-user permission).
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            active?: boolean;
            email?: string;
            joinDefaultChannels?: boolean;
            name?: string;
            password: string;
            requirePasswordChange?: boolean;
            roles?: ('admin' | 'livechat-manager' | 'livechat-agent' | 'user')[];
            sendWelcomeEmail?: boolean;
            username: string;
            verified?: boolean;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
              user: components['schemas']['StaffUser'];
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users.delete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Delete a user
     * @description Removes a staff user; the last active admin cannot be removed.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            confirmRelinquish?: boolean;
            userId: string;
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users.getStatus': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A user's status; the caller's own also carries connectionStatus
     * @description Rocket.Chat's users.getStatus: presence and status text.
     */
    get: {
      parameters: {
        query?: {
          user?: string;
          userId?: string;
          username?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              _id: string;
              connectionStatus?: string;
              status: string;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users.info': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One user, by userId or username
     * @description Rocket.Chat's users.info: the user record, by id or username.
     */
    get: {
      parameters: {
        query?: {
          userId?: string;
          username?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
              user: components['schemas']['StaffUser'];
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users.list': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Users by username; text matches username, name or e-mail (case-insensitive)
     * @description Pages through staff users (count, offset) with the total.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          offset?: number;
          role?: 'admin' | 'livechat-manager' | 'livechat-agent' | 'user';
          text?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
              users: components['schemas']['StaffUser'][];
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users.resetPassword': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Ours: give a user a generated password, returned once in this answer; ends the user's sessions
     * @description Generates a new password for a user and answers it once; the user's sessions end.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            userId: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              password: string;
              /** @enum {boolean} */
              success: true;
              user: components['schemas']['StaffUser'];
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users.setActiveStatus': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Deactivate (sessions end, open chats go back to the queue) or reactivate a user
     * @description activeStatus false deactivates: sessions end and open chats return to the queue.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            activeStatus: boolean;
            confirmRelinquish?: boolean;
            userId: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
              user: {
                _id: string;
                active: boolean;
              };
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users.setStatus': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Set a status (online, away, busy, offline = invisible) and/or a status text (message)
     * @description Rocket.Chat's users.setStatus for the caller or, with permission, another user.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            message?: string;
            status?: string;
            user?: string;
            userId?: string;
            username?: string;
          };
        };
      };
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users.update': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Change a user: name, username, email, password (ends their sessions), roles, active
     * @description Changes the fields given in data; a new password ends the user's sessions.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            confirmRelinquish?: boolean;
            data: {
              active?: boolean;
              email?: string | '';
              joinDefaultChannels?: boolean;
              name?: string;
              password?: string;
              requirePasswordChange?: boolean;
              roles?: ('admin' | 'livechat-manager' | 'livechat-agent' | 'user')[];
              sendWelcomeEmail?: boolean;
              username?: string;
              verified?: boolean;
            };
            userId: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
              user: components['schemas']['StaffUser'];
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users.updateOwnBasicInfo': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Change your own name; a new password or e-mail needs currentPassword
     * @description The caller edits their own profile; changing the password or e-mail needs the current password.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            customFields?: {
              [key: string]: unknown;
            };
            data: {
              bio?: string;
              currentPassword?: string;
              email?: string | '';
              name?: string;
              newPassword?: string;
              nickname?: string;
              statusText?: string;
              statusType?: string;
              username?: string;
            };
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
              user: components['schemas']['StaffUser'];
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The delivery log, newest first
     * @description Deliveries filtered by status, event type, room, endpoint and creation time, each with its event and attempts. A pending delivery that waits behind an older one of its room names it in `waitingFor`.
     */
    get: {
      parameters: {
        query?: {
          count?: number;
          endpointId?: string;
          eventType?: string;
          offset?: number;
          roomId?: string;
          /** @description ISO-8601; deliveries created at or after */
          since?: string;
          status?: 'pending' | 'succeeded' | 'failed';
          /** @description ISO-8601; deliveries created before */
          until?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              count: number;
              deliveries: components['schemas']['Delivery'][];
              offset: number;
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/deliveries/{_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One delivery with its event and attempts
     * @description The request as sent (headers, stored body) and every attempt with its response. `arriveLate` is 1 when a newer event of its room already reached the endpoint, so a replay would arrive after it.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              arriveLate: number;
              delivery: components['schemas']['Delivery'];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        /** @description No delivery with that id (error-invalid-delivery) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/deliveries/{_id}/replay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send a delivery again now: same body, same webhook-id
     * @description Re-queues the delivery for one more attempt now. A replay is outside per-room order: it may arrive after newer events of its room.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              delivery: components['schemas']['Delivery'];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        /** @description No delivery with that id (error-invalid-delivery) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/egress-check': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Would deliveries to this URL be allowed?
     * @description Runs the save-time egress check without saving: the URL's form, then its host (resolved) against the policy that refuses loopback, private, link-local and other non-public addresses unless the server's EGRESS_ALLOWLIST names the host or a CIDR holding it. `allowed: false` comes with the reason; a malformed URL is a 400.
     */
    get: {
      parameters: {
        query: {
          url: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              allowed: boolean;
              /** @description The server's EGRESS_ALLOWLIST entries */
              allowlist: string[];
              message?: string;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/endpoints': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every endpoint with its health
     * @description Each endpoint with `health`: backlog and its age, the last 24 hours of attempts, the last error, deliveries parked as `failed`, the breaker streak (`consecutiveFailures`) and `blockedByEgress`.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              endpoints: components['schemas']['Endpoint'][];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    /**
     * Create a webhook endpoint
     * @description Adds a signed endpoint with its events, filters, retry schedule and limits. The answer carries the signing secret, shown this once.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            departmentIds?: string[] | null;
            description?: string;
            enabled?: boolean;
            events: string[];
            headers?: {
              [key: string]: string;
            };
            maxConcurrency?: number;
            ordering?: 'room' | 'none';
            rateLimitPerSecond?: number | null;
            retry?: {
              delaysMs?: number[];
              kind: 'rocketchat' | 'exponential' | 'list';
            };
            timeoutMs?: number;
            url: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              endpoint: components['schemas']['Endpoint'];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        /** @description The input is not valid, or the URL is refused by the egress policy (error-invalid-url) */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/endpoints/{_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One endpoint with its health
     * @description The endpoint as configured, with the same `health` as the list.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              endpoint: components['schemas']['Endpoint'];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        /** @description No endpoint with that id (error-invalid-endpoint) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    /**
     * Remove a webhook endpoint
     * @description Removes the endpoint; its pending deliveries are dropped. The built-in endpoint cannot be removed.
     */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Done */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        /** @description No endpoint with that id (error-invalid-endpoint) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        503: components['responses']['Unavailable'];
      };
    };
    options?: never;
    head?: never;
    /**
     * Change a webhook endpoint
     * @description Only the fields sent change. Disabling stops deliveries; re-enabling resumes them, paused ones included.
     */
    patch: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            departmentIds?: string[] | null;
            description?: string;
            enabled?: boolean;
            events?: string[];
            headers?: {
              [key: string]: string;
            };
            maxConcurrency?: number;
            ordering?: 'room' | 'none';
            rateLimitPerSecond?: number | null;
            retry?: {
              delaysMs?: number[];
              kind: 'rocketchat' | 'exponential' | 'list';
            };
            timeoutMs?: number;
            url?: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              endpoint: components['schemas']['Endpoint'];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        /** @description No endpoint with that id (error-invalid-endpoint) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    trace?: never;
  };
  '/api/v1/webhooks/endpoints/{_id}/recover': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Recover: send again every failed delivery of a time range
     * @description Every delivery of the endpoint parked as failed and created in [since, until] is queued again now. Recovered events are outside per-room order: `arriveLate` counts those whose room already had a newer event delivered, so they arrive after it (Omnihook warns rather than holding the room's newer events back).
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Format: date-time */
            since: string;
            /** Format: date-time */
            until?: string;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              arriveLate: number;
              recovered: number;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        /** @description No endpoint with that id (error-invalid-endpoint) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/endpoints/{_id}/resume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Resume now: close the breaker of a paused endpoint
     * @description Ends the pause and the failure streak, and makes every pending delivery of the endpoint due now (`due`: how many were waiting for a later retry). A disabled endpoint answers 409 error-endpoint-disabled: enable it with PATCH instead.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              due: number;
              endpoint: components['schemas']['Endpoint'];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/endpoints/{_id}/rotate-secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rotate the signing secret
     * @description Issues a new secret, answered once. For graceSeconds (default one day) deliveries carry both signatures so receivers can switch without losing any.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            graceSeconds?: number;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              endpoint: components['schemas']['Endpoint'];
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        /** @description No endpoint with that id (error-invalid-endpoint) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/endpoints/{_id}/secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Reveal the signing secret (admins only)
     * @description Answers the current signing secret; needs reveal-webhook-secret, which only admins hold.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              secret: string;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        /** @description No endpoint with that id (error-invalid-endpoint) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/endpoints/{_id}/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Queue a sample event to this endpoint
     * @description Queues a sample of the event type given, delivered and signed like a real one; follow it in the delivery log (`deliveryId`).
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          _id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            type:
              | 'LivechatSessionStart'
              | 'LivechatSessionQueued'
              | 'LivechatSessionTaken'
              | 'LivechatSessionForwarded'
              | 'LivechatSession'
              | 'Message'
              | 'LivechatOfflineMessage'
              | 'LeadCapture'
              | 'LivechatEdit';
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description Its delivery to this endpoint, in the delivery log */
              deliveryId: string;
              /** @description The sample event stored for this test */
              eventId: string;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        /** @description No endpoint with that id (error-invalid-endpoint) */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorBody'];
          };
        };
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/ingest/rocketchat': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Receive a Rocket.Chat server's CRM webhook and fan it out to Omnihook endpoints
     * @description Point a Rocket.Chat server's Webhooks page here (with its secret token) and Omnihook fans each event out to its endpoints, signed and retried.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            _id?: string;
            departmentId?: string | null;
            type:
              | 'LivechatSessionStart'
              | 'LivechatSessionQueued'
              | 'LivechatSessionTaken'
              | 'LivechatSessionForwarded'
              | 'LivechatSession'
              | 'Message'
              | 'LivechatOfflineMessage'
              | 'LeadCapture'
              | 'LivechatEdit';
          } & {
            [key: string]: unknown;
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              deliveries: unknown;
              eventId: string;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/rooms/{rid}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A room's deliveries to every endpoint, oldest first
     * @description Every delivery of the conversation (up to 1000) to every endpoint, with status, times and attempts. A room without deliveries (or unknown) answers an empty list.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          rid: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              deliveries: components['schemas']['Delivery'][];
              /** @enum {boolean} */
              success: true;
              total: number;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/rooms/{rid}/deliveries/resend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Resend a selection of a room's deliveries
     * @description Each delivery named is replayed (same body and webhook-id, one more attempt now). Every id must be a delivery of this room. `arriveLate` counts those that will arrive after a newer event of the room that was already delivered.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          rid: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            deliveryIds: string[];
          };
        };
      };
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              arriveLate: number;
              resent: number;
              /** @enum {boolean} */
              success: true;
            };
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        403: components['responses']['Forbidden'];
        404: components['responses']['NotFound'];
        413: components['responses']['PayloadTooLarge'];
        415: components['responses']['UnsupportedMediaType'];
        503: components['responses']['Unavailable'];
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/file-upload/{id}/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A room's file, for its visitor and its agents
     * @description Serves an uploaded file to the room's visitor (token in the query) or a staff user who may see the room.
     */
    get: {
      parameters: {
        query?: {
          authToken?: string;
          token?: string;
          userId?: string;
        };
        header?: never;
        path: {
          id: string;
          name: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/octet-stream': string;
          };
        };
        400: components['responses']['BadRequest'];
        401: components['responses']['Unauthorized'];
        404: components['responses']['NotFound'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Prometheus metrics
     * @description Delivery, attempt, breaker and HTTP counters in the Prometheus text format.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Success */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/plain': string;
          };
        };
        401: components['responses']['Unauthorized'];
        503: components['responses']['Unavailable'];
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Agent: {
      _id: string;
      departments?: string[];
      name: string;
      statusLivechat: 'available' | 'not-available';
      username: string;
    };
    Attempt: {
      attempt: number;
      durationMs: number | null;
      errorClass: string | null;
      errorMessage: string | null;
      requestHeaders: {
        [key: string]: string;
      };
      responseBody: string | null;
      responseHeaders: {
        [key: string]: unknown;
      } | null;
      /** Format: date-time */
      startedAt: string | null;
      statusCode: number | null;
    };
    Delivery: {
      _id: string;
      attemptCount: number;
      attempts: components['schemas']['Attempt'][];
      /** Format: date-time */
      completedAt: string | null;
      /** Format: date-time */
      createdAt: string | null;
      endpointId: string;
      event: {
        _id: string;
        body: unknown;
        /** Format: date-time */
        createdAt: string | null;
        type: string;
      } | null;
      eventId: string;
      eventType: string;
      lastError: string | null;
      lastStatusCode: number | null;
      /** Format: date-time */
      nextAttemptAt: string | null;
      rid: string | null;
      status: 'pending' | 'succeeded' | 'failed';
      /** Format: date-time */
      updatedAt: string | null;
      /** @description The older pending delivery of its room (same endpoint) this one waits behind */
      waitingFor: string | null;
    };
    Department: {
      _id: string;
      description?: string;
      email?: string;
      enabled: boolean;
      name: string;
      numAgents: number;
      showOnOfflineForm: boolean;
      showOnRegistration: boolean;
    };
    Endpoint: {
      _id: string;
      /** Format: date-time */
      _updatedAt: string;
      /** Format: date-time */
      createdAt: string;
      departmentIds: string[] | null;
      description?: string;
      disabledReason?: string;
      enabled: boolean;
      events: components['schemas']['EventType'][];
      /** Format: date-time */
      failingSince?: string;
      headers: {
        [key: string]: string;
      };
      health?: components['schemas']['EndpointHealth'];
      kind: 'rocketchat' | 'custom';
      maxConcurrency: number;
      ordering: 'room' | 'none';
      /** Format: date-time */
      pausedUntil?: string;
      rateLimitPerSecond: number | null;
      retry: {
        delaysMs?: number[];
        kind: 'rocketchat' | 'exponential' | 'list';
      };
      /** @description Only in the answers to create and rotate-secret */
      secret?: string;
      secretRotation?: {
        /** Format: date-time */
        previousExpiresAt: string;
      };
      timeoutMs: number;
      url: string;
    };
    EndpointHealth: {
      attempts24h: number;
      backlog: number;
      /** @description Failing now, and the latest failure is the egress policy refusing the address */
      blockedByEgress: boolean;
      /** @description Failures in the breaker's current streak (0 while healthy) */
      consecutiveFailures: number;
      /** @description Deliveries parked as failed (retries spent), until replayed or recovered */
      failed: number;
      lastError?: {
        /** Format: date-time */
        at: string;
        errorClass?: string;
        message?: string;
        statusCode?: number;
      };
      oldestPendingAgeMs: number | null;
      successRate24h: number | null;
    };
    ErrorBody: {
      /** @description A human-readable message ending with the code in brackets */
      error: string;
      /**
       * @description A stable code from the error catalogue (docs/errors.md)
       * @enum {string}
       */
      errorType:
        | 'invalid-params'
        | 'error-invalid-json'
        | 'error-payload-too-large'
        | 'error-unsupported-media-type'
        | 'unauthorized'
        | 'error-login-failed'
        | 'error-too-many-requests'
        | 'error-unauthorized'
        | 'error-not-allowed'
        | 'error-not-found'
        | 'error-user-deactivated'
        | 'invalid-token'
        | 'invalid-room'
        | 'invalid-data'
        | 'error-invalid-room'
        | 'room-closed'
        | 'error-room-already-closed'
        | 'error-room-cannot-be-closed-try-again'
        | 'This_conversation_is_already_closed'
        | 'error-not-allowed-to-close-conversation'
        | 'error-comment-is-required'
        | 'error-token-param-not-provided'
        | 'visitor-has-open-rooms'
        | 'error-invalid-message'
        | 'error-message-size-exceeded'
        | 'message-length-exceeds-character-limit'
        | 'error-invalid-email'
        | 'error-invalid-email-address'
        | 'error-invalid-user'
        | 'error-user-not-found'
        | 'error-username-taken'
        | 'error-email-taken'
        | 'error-action-not-allowed'
        | 'error-invalid-password'
        | 'error-invalid-department'
        | 'invalid-chart-name'
        | 'error-invalid-agent'
        | 'error-invalid-inquiry'
        | 'error-inquiry-taken'
        | 'error-forwarding-chat'
        | 'error-invalid-setting'
        | 'invalid-setting'
        | 'error-invalid-url'
        | 'error-webhook-not-configured'
        | 'error-webhook-test-failed'
        | 'error-invalid-endpoint'
        | 'error-invalid-delivery'
        | 'error-endpoint-disabled'
        | 'error-delivery-not-in-room'
        | 'error-livechat-disabled'
        | 'error-type-not-allowed'
        | 'error-size-not-allowed'
        | 'error-file-upload-disabled'
        | 'error-invalid-file'
        | 'agent-not-found'
        | 'error-transcript-disabled'
        | 'error-sending-transcript'
        | 'error-smtp-not-configured'
        | 'error-transcript-already-requested'
        | 'error-transcript-not-requested'
        | 'visitor-not-found'
        | 'error-invalid-shortcut'
        | 'error-canned-response-not-found'
        | 'error-invalid-tag'
        | 'error-invalid-trigger'
        | 'error-tags-must-be-assigned-before-closing-chat'
        | 'error-invalid-offline-message'
        | 'invalid-custom-field'
        | 'error-invalid-custom-field'
        | 'error-invalid-custom-field-name'
        | 'error-custom-field-name-already-exists'
        | 'error-roomId-param-invalid'
        | 'error-invalid-permission'
        | 'error-invalid-role'
        | 'not-allowed'
        | 'error-not-authorized'
        | 'error-department-not-found'
        | 'department-not-found'
        | 'error-department-removal-disabled'
        | 'error-archived-department-cant-be-enabled'
        | 'error-fallback-department-circular'
        | 'error-fallback-department-not-found'
        | 'error-forwarding-department-target-not-allowed'
        | 'error-no-agents-online-in-department'
        | 'error-invalid-status'
        | 'error-contact-not-found'
        | 'error-contact-manager-not-found'
        | 'error-invalid-custom-field-value'
        | 'error-custom-field-not-allowed'
        | 'error-contact-channel-blocked'
        | 'error-invalid-contact'
        | 'error-contact-has-open-rooms'
        | 'error-invalid-channel'
        | 'no-agent-online'
        | 'error-business-hour-finish-time-equals-start-time'
        | 'error-business-hour-name-already-in-use'
        | 'error-business-hour-name-required'
        | 'error-invalid-business-hour'
        | 'error-invalid-timezone'
        | 'error-resource-not-found'
        | 'error-conflict'
        | 'error-unavailable'
        | 'error-internal';
      /** @enum {boolean} */
      success: false;
    };
    /** @enum {string} */
    EventType:
      | 'LivechatSessionStart'
      | 'LivechatSessionQueued'
      | 'LivechatSessionTaken'
      | 'LivechatSessionForwarded'
      | 'LivechatSession'
      | 'Message'
      | 'LivechatOfflineMessage'
      | 'LeadCapture'
      | 'LivechatEdit';
    Inquiry: {
      _id: string;
      department?: string;
      message?: string;
      name: string;
      /** Format: date-time */
      queuedAt?: string;
      rid: string;
      status?: 'queued' | 'taken';
      /** Format: date-time */
      ts: string;
    };
    Message: {
      _id: string;
      msg: string;
      rid: string;
      t?: string;
      token?: string;
      /** Format: date-time */
      ts: string;
      u: {
        _id: string;
        name?: string;
        username: string;
      };
    };
    Room: {
      _id: string;
      browser?: string;
      /** Format: date-time */
      closedAt?: string;
      closedBy?: {
        _id: string;
        username: string;
      };
      crmData?: string;
      /** @description In the chat lists */
      department?: {
        _id: string;
        name: string;
      };
      departmentId?: string;
      fname: string;
      ip?: string;
      /** @description In the chat lists: the last plain message; token is set when the visitor wrote it */
      lastMessage?: {
        _id: string;
        file?: {
          name: string;
        };
        msg: string;
        token?: string;
        /** Format: date-time */
        ts: string;
        u: {
          _id: string;
          name?: string;
          username: string;
        };
      };
      livechatData?: {
        [key: string]: unknown;
      };
      /** Format: date-time */
      lm?: string;
      msgs: number;
      open: boolean;
      os?: string;
      servedBy?: {
        _id: string;
        username: string;
      };
      /** @enum {string} */
      t: 'l';
      tags?: string[];
      topic?: string;
      /** Format: date-time */
      ts: string;
      v: {
        _id: string;
        token: string;
        username: string;
      };
      /**
       * @description The visitor spoke last, unanswered
       * @enum {boolean}
       */
      waitingResponse?: true;
      /**
       * Format: date-time
       * @description The first unanswered message
       */
      waitingSince?: string;
    };
    Setting: {
      _id: string;
      value: unknown;
    };
    StaffUser: {
      _id: string;
      active: boolean;
      emails?: {
        address: string;
        verified: boolean;
      }[];
      name: string;
      roles: string[];
      status?: string;
      statusLivechat: 'available' | 'not-available';
      username: string;
    };
    Transcript: {
      head: {
        facts: string[];
        title: string;
      };
      lines: {
        files: string[];
        text: string;
        when: string;
        who?: string;
      }[];
      transcriptRequest: {
        email: string;
        error?: string;
        /** Format: date-time */
        requestedAt: string;
        requestedBy: {
          username: string;
        };
        /** Format: date-time */
        sentAt?: string;
        status?: 'sending' | 'sent' | 'failed';
        subject: string;
      } | null;
    };
    UnauthorizedBody: {
      /** @description A human-readable message ending with the code in brackets */
      error: string;
      /** @enum {string} */
      errorType: 'unauthorized' | 'error-login-failed';
      message: string;
      /** @enum {string} */
      status: 'error';
      /** @enum {boolean} */
      success: false;
    };
    Visitor: {
      _id: string;
      department?: string;
      host?: string;
      ip?: string;
      livechatData: {
        [key: string]: unknown;
      };
      name?: string;
      phone?: {
        phoneNumber: string;
      }[];
      status: string;
      token: string;
      /** Format: date-time */
      ts: string;
      userAgent?: string;
      username: string;
      visitorEmails?: {
        address: string;
      }[];
    };
  };
  responses: {
    /** @description The input is not valid (invalid-params, error-invalid-json) or the request cannot be done as asked */
    BadRequest: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "success": false,
         *       "error": "body.msg must have required property 'msg' [invalid-params]",
         *       "errorType": "invalid-params"
         *     }
         */
        'application/json': components['schemas']['ErrorBody'];
      };
    };
    /** @description Logged in, but without the permission this route needs (error-unauthorized, error-not-allowed) */
    Forbidden: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "success": false,
         *       "error": "User does not have the permissions required for this action [error-unauthorized]",
         *       "errorType": "error-unauthorized"
         *     }
         */
        'application/json': components['schemas']['ErrorBody'];
      };
    };
    /** @description Nothing with that id */
    NotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "success": false,
         *       "error": "Resource not found [error-resource-not-found]",
         *       "errorType": "error-resource-not-found"
         *     }
         */
        'application/json': components['schemas']['ErrorBody'];
      };
    };
    /** @description The request body is larger than the server accepts (error-payload-too-large) */
    PayloadTooLarge: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "success": false,
         *       "error": "The request body is too large [error-payload-too-large]",
         *       "errorType": "error-payload-too-large"
         *     }
         */
        'application/json': components['schemas']['ErrorBody'];
      };
    };
    /** @description Too many calls in a short time; try again later (error-too-many-requests) */
    TooManyRequests: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "success": false,
         *       "error": "Too many requests, try again later [error-too-many-requests]",
         *       "errorType": "error-too-many-requests"
         *     }
         */
        'application/json': components['schemas']['ErrorBody'];
      };
    };
    /** @description Not logged in, or the X-User-Id / X-Auth-Token pair sent is not valid (unauthorized) */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "success": false,
         *       "error": "You must be logged in to do this. [unauthorized]",
         *       "errorType": "unauthorized",
         *       "status": "error",
         *       "message": "You must be logged in to do this."
         *     }
         */
        'application/json': components['schemas']['UnauthorizedBody'];
      };
    };
    /** @description The database is unavailable; the answer carries Retry-After (error-unavailable) */
    Unavailable: {
      headers: {
        /** @description Seconds to wait */
        'retry-after'?: number;
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "success": false,
         *       "error": "The database is unavailable, try again shortly [error-unavailable]",
         *       "errorType": "error-unavailable"
         *     }
         */
        'application/json': components['schemas']['ErrorBody'];
      };
    };
    /** @description The Content-Type is not one this route reads (error-unsupported-media-type) */
    UnsupportedMediaType: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "success": false,
         *       "error": "Unsupported Content-Type [error-unsupported-media-type]",
         *       "errorType": "error-unsupported-media-type"
         *     }
         */
        'application/json': components['schemas']['ErrorBody'];
      };
    };
  };
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
