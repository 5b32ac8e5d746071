/** What the Rocket.Chat widget is told about its room and its agent (docs/rocketchat-widget.md, 'The DDP subset'). */

/** The agent object the widget reads: livechat/config, agent.info, agent.next and DDP `agentData`. */
export interface WidgetAgent {
  _id: string;
  username: string;
  name: string;
  status: string;
  emails?: { address: string; verified: boolean }[];
}

/** A room as a visitor's token grants it: enough to guard a live subscription and route its events. */
export interface RoomAccess {
  rid: string;
  visitorToken: string;
  visitorUsername: string;
  servedById?: string;
  departmentId?: string;
  open: boolean;
}

/** A department as livechat/config lists it for the widget's forms. */
export interface WidgetDepartment {
  _id: string;
  name: string;
  showOnRegistration: boolean;
  showOnOfflineForm: boolean;
}
