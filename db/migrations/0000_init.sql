CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name_kk" text,
	"name_ru" text,
	"name_en" text NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_days_kind_check" CHECK ("calendar_days"."kind" in ('holiday', 'transfer_rest', 'transfer_work'))
);
--> statement-breakpoint
CREATE TABLE "department_types" (
	"code" text PRIMARY KEY NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"name_en" text NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "government_bodies" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"name_en" text NOT NULL,
	"domains" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "government_bodies_kind_check" CHECK ("government_bodies"."kind" in ('government', 'ministry', 'agency'))
);
--> statement-breakpoint
CREATE TABLE "issue_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"name_en" text NOT NULL,
	"examples_en" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"default_department_code" text NOT NULL,
	"season" text,
	"sort_order" integer NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "local_bodies" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_kato" text NOT NULL,
	"kind" text NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"name_en" text NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "local_bodies_unit_kind" UNIQUE("unit_kato","kind"),
	CONSTRAINT "local_bodies_kind_check" CHECK ("local_bodies"."kind" in ('akimat', 'maslikhat'))
);
--> statement-breakpoint
CREATE TABLE "local_body_departments" (
	"body_id" integer NOT NULL,
	"department_code" text NOT NULL,
	CONSTRAINT "local_body_departments_body_id_department_code_pk" PRIMARY KEY("body_id","department_code")
);
--> statement-breakpoint
CREATE TABLE "national_priorities" (
	"code" text PRIMARY KEY NOT NULL,
	"plan" text NOT NULL,
	"direction" text,
	"name_kk" text,
	"name_ru" text NOT NULL,
	"name_en" text NOT NULL,
	"verification" text NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "national_projects" (
	"code" text PRIMARY KEY NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"name_en" text NOT NULL,
	"summary_en" text,
	"period" text NOT NULL,
	"priority_code" text,
	"responsible_bodies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"key_indicators" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"later_status" text,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"verification" text NOT NULL,
	"sort_order" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_boundaries" (
	"kato" text PRIMARY KEY NOT NULL,
	"geometry" jsonb NOT NULL,
	"min_lon" double precision NOT NULL,
	"min_lat" double precision NOT NULL,
	"max_lon" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_population" (
	"kato" text NOT NULL,
	"as_of" date NOT NULL,
	"population" integer NOT NULL,
	"status" text,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_population_kato_as_of_pk" PRIMARY KEY("kato","as_of"),
	CONSTRAINT "unit_population_positive" CHECK ("unit_population"."population" > 0)
);
--> statement-breakpoint
CREATE TABLE "units" (
	"kato" text PRIMARY KEY NOT NULL,
	"level" integer NOT NULL,
	"parent_kato" text,
	"type" text NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"name_en" text NOT NULL,
	"iso_3166_2" text,
	"centre_kk" text,
	"centre_ru" text,
	"centre_en" text,
	"codab_pcode" text,
	"needs_review" boolean DEFAULT false NOT NULL,
	"note" text,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "units_level_check" CHECK ("units"."level" in (1, 2)),
	CONSTRAINT "units_kato_format" CHECK ("units"."kato" ~ '^[0-9]{9}$')
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"recipient_email" text,
	"recipient_ref" text,
	"locale" text NOT NULL,
	"template" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"delivery_ref" text,
	CONSTRAINT "notifications_channel_check" CHECK ("notifications"."channel" in ('email', 'in_app')),
	CONSTRAINT "notifications_locale_check" CHECK ("notifications"."locale" in ('kk', 'ru', 'en')),
	CONSTRAINT "notifications_email_has_address" CHECK ("notifications"."channel" <> 'email' or "notifications"."recipient_email" is not null)
);
--> statement-breakpoint
ALTER TABLE "issue_categories" ADD CONSTRAINT "issue_categories_default_department_code_department_types_code_fk" FOREIGN KEY ("default_department_code") REFERENCES "public"."department_types"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_bodies" ADD CONSTRAINT "local_bodies_unit_kato_units_kato_fk" FOREIGN KEY ("unit_kato") REFERENCES "public"."units"("kato") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_body_departments" ADD CONSTRAINT "local_body_departments_body_id_local_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."local_bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_body_departments" ADD CONSTRAINT "local_body_departments_department_code_department_types_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."department_types"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_projects" ADD CONSTRAINT "national_projects_priority_code_national_priorities_code_fk" FOREIGN KEY ("priority_code") REFERENCES "public"."national_priorities"("code") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_boundaries" ADD CONSTRAINT "unit_boundaries_kato_units_kato_fk" FOREIGN KEY ("kato") REFERENCES "public"."units"("kato") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_population" ADD CONSTRAINT "unit_population_kato_units_kato_fk" FOREIGN KEY ("kato") REFERENCES "public"."units"("kato") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "units_parent_idx" ON "units" USING btree ("parent_kato");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "outbox" USING btree ("id") WHERE "outbox"."published_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "notifications" USING btree ("recipient_ref","created_at");